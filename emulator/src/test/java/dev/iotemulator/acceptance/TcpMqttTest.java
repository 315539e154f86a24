package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.DataInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plain MQTT/TCP port, a local convenience AWS does not have, relayed like the WebSocket. */
class TcpMqttTest {

    static IotEmulator iot;
    static String tcpUri;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        tcpUri = iot.endpoints().mqttUri().orElseThrow().toString();
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void a_tcp_client_without_credentials_exchanges_messages_with_a_websocket_client() throws Exception {
        try (PahoClients.Client tcp = PahoClients.connect(tcpUri, "tcp-device");
                PahoClients.Client ws = PahoClients.overWebSocket(iot.endpoints(), "ws-app")) {
            tcp.paho.subscribe("commands/tcp-device", 1);
            ws.paho.subscribe("telemetry/#", 1);
            ws.paho.publish("commands/tcp-device", "reboot".getBytes(StandardCharsets.UTF_8), 1, false);
            tcp.paho.publish("telemetry/tcp-device", "42".getBytes(StandardCharsets.UTF_8), 0, false);

            assertEquals("reboot", new String(tcp.next().message().getPayload(), StandardCharsets.UTF_8));
            assertEquals("42", new String(ws.next().message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_tcp_client_may_log_in_with_an_access_key_and_its_secret() throws Exception {
        MqttClient client = new MqttClient(tcpUri, "tcp-login", new MemoryPersistence());
        MqttConnectOptions options = PahoClients.options();
        options.setUserName("AKIAIOSFODNN7EXAMPLE");
        options.setPassword("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".toCharArray());
        client.connect(options);
        client.disconnect();
        client.close();
    }

    @Test
    void a_known_access_key_with_the_wrong_secret_is_refused_as_bad_credentials() throws Exception {
        MqttClient client = new MqttClient(tcpUri, "tcp-bad-login", new MemoryPersistence());
        MqttConnectOptions options = PahoClients.options();
        options.setUserName("AKIAIOSFODNN7EXAMPLE");
        options.setPassword("wrong".toCharArray());
        MqttException e = assertThrows(MqttException.class, () -> client.connect(options));
        assertEquals(MqttException.REASON_CODE_FAILED_AUTHENTICATION, e.getReasonCode());
        client.close();
    }

    @Test
    void subscribe_pipelined_right_behind_connect_is_never_dropped() throws Exception {
        int port = iot.endpoints().mqttPort();
        for (int i = 0; i < 200; i++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.write(connect("pipelined-" + i));
                both.write(subscribe("pipe/" + i));
                out.write(both.toByteArray());
                out.flush();
                DataInputStream in = new DataInputStream(socket.getInputStream());
                assertEquals(0x20, in.readUnsignedByte(), "CONNACK expected for connection " + i);
                in.readNBytes(3);
                assertEquals(0x90, in.readUnsignedByte(), "SUBACK expected for connection " + i);
                in.readNBytes(4);
            }
        }
    }

    static byte[] connect(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 60});
        body.write(id.length >> 8);
        body.write(id.length);
        body.writeBytes(id);
        return packet(0x10, body.toByteArray());
    }

    static byte[] subscribe(String filter) {
        byte[] f = filter.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 1});
        body.write(f.length >> 8);
        body.write(f.length);
        body.writeBytes(f);
        body.write(1);
        return packet(0x82, body.toByteArray());
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(header);
        p.write(body.length);
        p.writeBytes(body);
        return p.toByteArray();
    }
}
