package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.testing.CapturedOutput;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MQTT 3.1 (protocol level 3, what AWS Amplify's Paho client speaks) gets AWS IoT's client-id rule, 1 to 128 bytes,
 * not MQTT 3.1's 23 characters; and every CONNECT the emulator refuses is logged with the client id and the cause.
 */
class Mqtt31ClientIdTest {

    static IotEmulator iot;
    static String tcpUri;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
        tcpUri = iot.endpoints().mqttUri().orElseThrow().toString();
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void an_mqtt_3_1_client_with_a_36_character_uuid_client_id_exchanges_messages_over_websocket() throws Exception {
        String clientId = UUID.randomUUID().toString();
        try (PahoClients.Client amplifyLike = PahoClients.connect(iot.endpoints().presignedWebSocketUri().toString(),
                clientId, mqtt31())) {
            amplifyLike.paho.subscribe("amplify/" + clientId, 1);
            amplifyLike.paho.publish("amplify/" + clientId, "hi".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("hi", new String(amplifyLike.next().message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void an_mqtt_3_1_client_id_of_128_bytes_connects() throws Exception {
        try (PahoClients.Client client = PahoClients.connect(tcpUri, "c".repeat(128), mqtt31())) {
            assertEquals(true, client.paho.isConnected());
        }
    }

    @Test
    void an_mqtt_3_1_client_id_of_129_bytes_is_closed_with_the_limit_and_the_id_in_the_log() {
        String clientId = "d".repeat(129);
        assertThrows(MqttException.class, () -> PahoClients.connect(tcpUri, clientId, mqtt31()));
        awaitLog("event=client_error clientId=" + clientId, "client id of 129 bytes is over the limit of 128");
    }

    @Test
    void an_empty_mqtt_3_1_client_id_gets_connack_2_and_a_log_line_that_says_why() throws Exception {
        byte[] connack = connectRaw(connect("MQIsdp", 3, ""));
        assertArrayEquals(new byte[] {0x20, 0x02, 0x00, 0x02}, connack);
        awaitLog("reason=CONNECTION_REFUSED_IDENTIFIER_REJECTED", "give the client an id of 1 to 128 bytes");
    }

    @Test
    void an_unknown_protocol_level_gets_connack_1_and_a_log_line_naming_the_protocols_accepted() throws Exception {
        byte[] connack = connectRaw(connect("MQTT", 9, "level-nine"));
        assertArrayEquals(new byte[] {0x20, 0x02, 0x00, 0x01}, connack);
        awaitLog("reason=CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION", "AWS IoT accepts MQTT 3.1.1");
    }

    private static MqttConnectOptions mqtt31() {
        MqttConnectOptions options = PahoClients.options();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1);
        return options;
    }

    private static void awaitLog(String... parts) {
        Await.until(() -> CapturedOutput.ofCurrentScope().lines().anyMatch(line -> containsAll(line, parts)),
                Duration.ofSeconds(10), () -> "no log line with " + String.join(" and ", parts) + " in:\n"
                        + CapturedOutput.ofCurrentScope());
    }

    private static boolean containsAll(String line, String... parts) {
        for (String part : parts) {
            if (!line.contains(part)) {
                return false;
            }
        }
        return true;
    }

    /** A CONNECT packet written by hand, for what no client library sends: an empty 3.1 id, an unknown level. */
    private static byte[] connect(String protocolName, int level, String clientId) {
        byte[] name = protocolName.getBytes(StandardCharsets.UTF_8);
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        int remaining = 2 + name.length + 1 + 1 + 2 + 2 + id.length;
        byte[] packet = new byte[2 + remaining];
        int at = 0;
        packet[at++] = 0x10;
        packet[at++] = (byte) remaining;
        packet[at++] = 0;
        packet[at++] = (byte) name.length;
        System.arraycopy(name, 0, packet, at, name.length);
        at += name.length;
        packet[at++] = (byte) level;
        packet[at++] = 0x02;
        packet[at++] = 0;
        packet[at++] = 60;
        packet[at++] = 0;
        packet[at++] = (byte) id.length;
        System.arraycopy(id, 0, packet, at, id.length);
        return packet;
    }

    /** Sends {@code connect} on the plain MQTT port and returns the four bytes of the CONNACK. */
    private static byte[] connectRaw(byte[] connect) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", iot.endpoints().mqttPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(connect);
            out.flush();
            InputStream in = socket.getInputStream();
            return in.readNBytes(4);
        }
    }
}
