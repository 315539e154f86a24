package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.unsubscribe.unsuback.Mqtt5UnsubAckReasonCode;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT 5 answers AWS IoT Core gives where a 3.1.1 client would just be disconnected (developer guide, "MQTT",
 * reason codes): SUBACK 0x87 for a denied filter with the others granted, UNSUBACK 0x11 for a filter that was not
 * subscribed, and the server's DISCONNECT with its reason: 0x8E when the session is taken over, 0x98 for an
 * administrative disconnect, 0xA1 for a subscription identifier, 0x9B for a QoS 2 PUBLISH, 0x94 for a topic alias
 * over the maximum, 0x82 for a DISCONNECT that raises a session expiry of 0. Real HiveMQ clients where the client lets
 * itself be driven there, raw bytes where a well-behaved client refuses to send the packet.
 */
@IotEmulatorTest
class Mqtt5ReasonCodesTest {

    static IotEmulator iot;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
    }

    static Mqtt5BlockingClient client(String clientId, CompletableFuture<Mqtt5DisconnectReasonCode> disconnected) {
        return HiveMqClients.tcp(iot.endpoints(), clientId)
                .addDisconnectedListener(ctx -> {
                    if (ctx.getCause() instanceof Mqtt5DisconnectException e) {
                        disconnected.complete(e.getMqttMessage().getReasonCode());
                    } else {
                        disconnected.complete(null);
                    }
                })
                .buildBlocking();
    }

    @Test
    void a_taken_over_session_gets_disconnect_0x8e() throws Exception {
        CompletableFuture<Mqtt5DisconnectReasonCode> first = new CompletableFuture<>();
        client("rc-takeover", first).connect();
        Mqtt5BlockingClient second = client("rc-takeover", new CompletableFuture<>());
        second.connect();
        assertEquals(Mqtt5DisconnectReasonCode.SESSION_TAKEN_OVER, first.get(10, TimeUnit.SECONDS));
        second.disconnect();
    }

    @Test
    void an_administrative_disconnect_gets_disconnect_0x98() throws Exception {
        CompletableFuture<Mqtt5DisconnectReasonCode> disconnected = new CompletableFuture<>();
        client("rc-admin", disconnected).connect();
        iot.disconnect("rc-admin");
        assertEquals(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION, disconnected.get(10, TimeUnit.SECONDS));
    }

    @Test
    void a_denied_filter_gets_suback_0x87_and_the_allowed_one_is_granted() throws Exception {
        Mqtt5BlockingClient device = HiveMqClients.tcp(iot.endpoints(), "device-rc").simpleAuth()
                .username(RawConnackTest.SCOPED_KEY)
                .password(RawConnackTest.SCOPED_SECRET.getBytes(UTF_8)).applySimpleAuth().buildBlocking();
        device.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = device.publishes(MqttGlobalPublishFilter.ALL)) {
            // The policy allows topicfilter/room/*; a shared subscription is checked as its whole filter, which
            // that statement does not match.
            Mqtt5SubAckException refused = assertThrows(Mqtt5SubAckException.class, () -> device.subscribeWith()
                    .addSubscription().topicFilter("room/rc").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                    .addSubscription().topicFilter("secret/#").qos(MqttQos.AT_LEAST_ONCE).applySubscription()
                    .addSubscription().topicFilter("$share/g/room/rc").qos(MqttQos.AT_LEAST_ONCE)
                    .applySubscription().send());
            assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1, Mqtt5SubAckReasonCode.NOT_AUTHORIZED,
                    Mqtt5SubAckReasonCode.NOT_AUTHORIZED), refused.getMqttMessage().getReasonCodes());
            iot.publish("room/rc", "still connected".getBytes(UTF_8), 1, false);
            assertEquals("still connected", new String(inbox.receive(10, TimeUnit.SECONDS).orElseThrow()
                    .getPayloadAsBytes(), UTF_8));
            var unsubAck = device.unsubscribeWith().addTopicFilter("room/rc").addTopicFilter("room/never").send();
            assertEquals(List.of(Mqtt5UnsubAckReasonCode.SUCCESS, Mqtt5UnsubAckReasonCode.NO_SUBSCRIPTIONS_EXISTED),
                    unsubAck.getReasonCodes());
        } finally {
            device.disconnect();
        }
    }

    @Test
    void a_subscription_identifier_gets_disconnect_0xa1() throws IOException {
        ByteArrayOutputStream subscribe = new ByteArrayOutputStream();
        subscribe.writeBytes(new byte[] {0, 1, 2, 0x0B, 7});
        RawConnackTest.string(subscribe, "rc/subid");
        subscribe.write(1);
        assertEquals("e0 02 a1 00", afterConnack("rc-subid", packet(0x82, subscribe.toByteArray())));
    }

    @Test
    void a_qos2_publish_gets_disconnect_0x9b() throws IOException {
        ByteArrayOutputStream publish = new ByteArrayOutputStream();
        RawConnackTest.string(publish, "rc/qos2");
        publish.writeBytes(new byte[] {0, 1, 0, 'x'});
        assertEquals("e0 02 9b 00", afterConnack("rc-qos2", packet(0x34, publish.toByteArray())));
    }

    @Test
    void a_topic_alias_over_the_maximum_gets_disconnect_0x94() throws IOException {
        ByteArrayOutputStream publish = new ByteArrayOutputStream();
        RawConnackTest.string(publish, "rc/alias");
        publish.writeBytes(new byte[] {3, 0x23, 0, 9, 'x'});
        assertEquals("e0 02 94 00", afterConnack("rc-alias", packet(0x30, publish.toByteArray())));
    }

    @Test
    void a_disconnect_raising_a_session_expiry_of_0_gets_disconnect_0x82() throws IOException {
        assertEquals("e0 02 82 00", afterConnack("rc-expiry",
                packet(0xE0, new byte[] {0, 5, 0x11, 0, 0, 0, 60})));
    }

    /** Connects with MQTT 5 (no session expiry), sends {@code packet}, and returns what follows the CONNACK. */
    private static String afterConnack(String clientId, byte[] packet) throws IOException {
        try (Socket socket = new Socket(iot.endpoints().host(), iot.endpoints().mqttPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(RawConnackTest.connect(5, clientId, null, null, false));
            InputStream in = socket.getInputStream();
            int type = in.read();
            int length = in.read();
            assertEquals(0x20, type, "CONNACK");
            byte[] connack = in.readNBytes(length);
            assertEquals(0, connack[1], "accepted");
            socket.getOutputStream().write(packet);
            return HexFormat.ofDelimiter(" ").formatHex(in.readAllBytes());
        }
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        out.write(body.length);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
