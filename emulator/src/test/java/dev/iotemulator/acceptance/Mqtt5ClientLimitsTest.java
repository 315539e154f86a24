package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an MQTT 5 client asks of the server in its CONNECT, honoured on every delivery (MQTT 5 §3.1.2.11): its
 * Receive Maximum (never more unacknowledged QoS 1 PUBLISHes than that; the HiveMQ client disconnects a server that
 * sends more), its Maximum Packet Size (a larger message is not sent to it), and its Will Delay Interval (the Will goes
 * out after the delay, and not at all when the session has a new connection by then).
 */
@IotEmulatorTest
class Mqtt5ClientLimitsTest {

    static IotEmulator iot;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
    }

    static Mqtt5ClientBuilder builder(String clientId) {
        return HiveMqClients.tcp(iot.endpoints(), clientId);
    }

    @Test
    void a_receive_maximum_of_2_gets_at_most_2_unacknowledged_deliveries_and_all_of_them_in_the_end()
            throws Exception {
        Mqtt5BlockingClient slow = builder("lim-receive").buildBlocking();
        slow.connectWith().restrictions().receiveMaximum(2).applyRestrictions().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = slow.publishes(MqttGlobalPublishFilter.ALL, true)) {
            slow.subscribeWith().topicFilter("lim/receive").qos(MqttQos.AT_LEAST_ONCE).send();
            for (int n = 0; n < 20; n++) {
                iot.publish("lim/receive", Integer.toString(n).getBytes(UTF_8), 1, false);
            }
            for (int n = 0; n < 20; n++) {
                var message = inbox.receive(10, TimeUnit.SECONDS).orElseThrow();
                assertEquals(Integer.toString(n), new String(message.getPayloadAsBytes(), UTF_8));
                message.acknowledge();
            }
            assertTrue(slow.getState().isConnected(), "the client saw no Receive Maximum violation");
        } finally {
            slow.disconnect();
        }
    }

    @Test
    void a_message_larger_than_the_client_maximum_packet_size_is_not_sent_to_it() throws Exception {
        Mqtt5BlockingClient small = builder("lim-packet").buildBlocking();
        small.connectWith().restrictions().maximumPacketSize(200).applyRestrictions().send();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = small.publishes(MqttGlobalPublishFilter.ALL)) {
            small.subscribeWith().topicFilter("lim/packet").qos(MqttQos.AT_LEAST_ONCE).send();
            iot.publish("lim/packet", "x".repeat(500).getBytes(UTF_8), 1, false);
            iot.publish("lim/packet", "fits".getBytes(UTF_8), 1, false);
            assertEquals("fits", new String(inbox.receive(10, TimeUnit.SECONDS).orElseThrow().getPayloadAsBytes(),
                    UTF_8), "the large message was dropped for this client, the small one delivered");
        } finally {
            small.disconnect();
        }
    }

    @Test
    void a_will_with_a_delay_goes_out_after_it_when_the_client_asks_for_its_will() throws Exception {
        Mqtt5BlockingClient observer = builder("lim-will-observer").buildBlocking();
        observer.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = observer.publishes(MqttGlobalPublishFilter.ALL)) {
            observer.subscribeWith().topicFilter("lim/will/+").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient device = builder("lim-will").buildBlocking();
            device.connectWith().sessionExpiryInterval(60).willPublish().topic("lim/will/gone")
                    .payload("gone".getBytes(UTF_8)).qos(MqttQos.AT_LEAST_ONCE).delayInterval(1)
                    .userProperties().add("why", "test").applyUserProperties().applyWillPublish().send();
            long disconnected = System.nanoTime();
            device.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
            var will = inbox.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertTrue(System.nanoTime() - disconnected >= Duration.ofMillis(900).toNanos(), "not before the delay");
            assertEquals("gone", new String(will.getPayloadAsBytes(), UTF_8));
            assertEquals("why=test", will.getUserProperties().asList().get(0).getName() + "="
                    + will.getUserProperties().asList().get(0).getValue());
        } finally {
            observer.disconnect();
        }
    }

    @Test
    void a_delayed_will_is_not_sent_when_the_session_is_resumed_within_the_delay() throws Exception {
        Mqtt5BlockingClient observer = builder("lim-resume-observer").buildBlocking();
        observer.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = observer.publishes(MqttGlobalPublishFilter.ALL)) {
            observer.subscribeWith().topicFilter("lim/resume/+").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5BlockingClient device = builder("lim-resume").buildBlocking();
            device.connectWith().sessionExpiryInterval(60).willPublish().topic("lim/resume/gone")
                    .payload("gone".getBytes(UTF_8)).delayInterval(1).applyWillPublish().send();
            device.disconnectWith().reasonCode(Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE).send();
            Mqtt5BlockingClient back = builder("lim-resume").buildBlocking();
            assertTrue(back.connectWith().cleanStart(false).sessionExpiryInterval(60).send().isSessionPresent());
            // The Will's own delay must pass to show it was cancelled; the marker then proves delivery works.
            Thread.sleep(2000);
            iot.publish("lim/resume/marker", "marker".getBytes(UTF_8), 1, false);
            assertEquals("marker", new String(inbox.receive(10, TimeUnit.SECONDS).orElseThrow()
                    .getPayloadAsBytes(), UTF_8), "the delayed Will was not published");
            back.disconnect();
        } finally {
            observer.disconnect();
        }
        assertFalse(iot.journal().publishes().stream().anyMatch(m -> m.topic().equals("lim/resume/gone")));
    }
}
