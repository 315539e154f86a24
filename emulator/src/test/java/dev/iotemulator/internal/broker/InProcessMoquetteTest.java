package dev.iotemulator.internal.broker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.moquette.broker.InProcessMoquette;
import io.moquette.broker.Server;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Guards {@link InProcessMoquette}, the class that must live in Moquette's package: on a Moquette upgrade these tests
 * fail first and say what to check. They drive the embedded broker through real in-process links only.
 */
class InProcessMoquetteTest {

    private static NioEventLoopGroup loops;
    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        loops = new NioEventLoopGroup(2);
        broker = EmbeddedBroker.start(140_000);
    }

    @AfterAll
    static void stop() {
        broker.close();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void the_embedded_moquette_is_the_version_the_shim_was_written_for() {
        assertEquals(InProcessMoquette.SUPPORTED_VERSION, Server.MOQUETTE_VERSION,
                "io.moquette.broker.InProcessMoquette reaches into Moquette " + InProcessMoquette.SUPPORTED_VERSION
                        + "'s private fields and package-private constructors; after an upgrade, check it against the"
                        + " new Server, NewNettyMQTTHandler, MQTTConnectionFactory and BrokerConfiguration, then"
                        + " update SUPPORTED_VERSION");
    }

    @Test
    void a_message_published_over_one_link_reaches_a_subscriber_on_another_and_is_acknowledged() throws Exception {
        Recorder subscriber = new Recorder();
        Recorder publisher = new Recorder();
        EventLoop loop = loops.next();
        BrokerLink sub = broker.openLink(loop, "shim-sub", subscriber).get(5, TimeUnit.SECONDS);
        BrokerLink pub = broker.openLink(loops.next(), "shim-pub", publisher).get(5, TimeUnit.SECONDS);

        sub.subscribe(7, List.of(new MqttTopicSubscription("shim/+", MqttQoS.AT_LEAST_ONCE)));
        sub.flush();
        assertEquals("suback 7 [1]", subscriber.events.poll(5, TimeUnit.SECONDS));

        byte[] payload = "hello".getBytes(StandardCharsets.UTF_8);
        pub.publish("shim/a", payload, 1, 42, null);
        pub.flush();
        assertEquals("puback 42", publisher.events.poll(5, TimeUnit.SECONDS));
        assertEquals("delivery shim/a qos 1", subscriber.events.poll(5, TimeUnit.SECONDS));
        assertArrayEquals(payload, subscriber.payloads.poll(5, TimeUnit.SECONDS));

        sub.disconnect().get(5, TimeUnit.SECONDS);
        assertEquals("closed", subscriber.events.poll(5, TimeUnit.SECONDS));
        pub.disconnect().get(5, TimeUnit.SECONDS);
    }

    /**
     * MQTT 5 properties travel past Moquette, an MQTT 3.1.1 broker, as a tag beside the payload: every subscriber's
     * link gets the publisher's tag, whatever QoS, and a message published without one arrives without one.
     */
    @Test
    void a_tag_published_beside_the_payload_reaches_every_subscriber_and_an_untagged_message_has_none()
            throws Exception {
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        BrokerLink a = broker.openLink(loops.next(), "tag-sub-a", first).get(5, TimeUnit.SECONDS);
        BrokerLink b = broker.openLink(loops.next(), "tag-sub-b", second).get(5, TimeUnit.SECONDS);
        for (BrokerLink link : List.of(a, b)) {
            link.subscribe(3, List.of(new MqttTopicSubscription("tag/#", MqttQoS.AT_LEAST_ONCE)));
            link.flush();
        }
        assertEquals("suback 3 [1]", first.events.poll(5, TimeUnit.SECONDS));
        assertEquals("suback 3 [1]", second.events.poll(5, TimeUnit.SECONDS));
        BrokerLink pub = broker.openLink(loops.next(), "tag-pub", new Recorder()).get(5, TimeUnit.SECONDS);
        Object tag = new Object();
        pub.publish("tag/q1", new byte[] {1}, 1, 5, tag);
        pub.publish("tag/q0", new byte[] {2}, 0, 0, tag);
        pub.publish("tag/plain", new byte[] {3}, 1, 6, null);
        pub.flush();
        for (Recorder r : List.of(first, second)) {
            assertSame(tag, r.tags.poll(5, TimeUnit.SECONDS));
            assertSame(tag, r.tags.poll(5, TimeUnit.SECONDS));
            assertEquals("no tag", r.tags.poll(5, TimeUnit.SECONDS));
        }
        for (BrokerLink link : List.of(a, b, pub)) {
            link.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    /**
     * Moquette 0.17 releases a clean session's in-flight messages when it processes a DISCONNECT but keeps them in its
     * map; an acknowledgement processed after that released one twice and killed the broker's session thread, after
     * which every client id hashing to it hung. A link therefore sends nothing after its DISCONNECT. Ends links in the
     * middle of a flood of QoS 1 deliveries, then proves every session thread still serves: links with client ids
     * spread over all of them open and get their PUBLISH acknowledged.
     */
    @Test
    void ending_links_while_deliveries_are_in_flight_leaves_every_broker_thread_alive() throws Exception {
        for (int round = 0; round < 30; round++) {
            Recorder flooded = new Recorder();
            BrokerLink sub = broker.openLink(loops.next(), "flooded-" + round, flooded).get(5, TimeUnit.SECONDS);
            sub.subscribe(1, List.of(new MqttTopicSubscription("flood/" + round, MqttQoS.AT_LEAST_ONCE)));
            sub.flush();
            assertEquals("suback 1 [1]", flooded.events.poll(5, TimeUnit.SECONDS));
            BrokerLink pub = broker.openLink(loops.next(), "flooder-" + round, new Recorder()).get(5,
                    TimeUnit.SECONDS);
            for (int i = 1; i <= 300; i++) {
                pub.publish("flood/" + round, new byte[] {(byte) i}, 1, i, null);
            }
            pub.flush();
            assertNotNull(flooded.payloads.poll(5, TimeUnit.SECONDS), "the flood started");
            sub.disconnect().get(5, TimeUnit.SECONDS);
            pub.disconnect().get(5, TimeUnit.SECONDS);
        }
        for (int i = 0; i < 16; i++) {
            Recorder probe = new Recorder();
            BrokerLink link = broker.openLink(loops.next(), "probe-" + i, probe).get(5, TimeUnit.SECONDS);
            link.publish("probe/" + i, new byte[] {1}, 1, 9, null);
            link.flush();
            assertEquals("puback 9", probe.events.poll(5, TimeUnit.SECONDS),
                    "the broker's session thread for client id probe-" + i + " is dead");
            link.disconnect().get(5, TimeUnit.SECONDS);
        }
    }

    private static final class Recorder implements BrokerLink.Listener {
        final BlockingQueue<String> events = new LinkedBlockingQueue<>();
        final BlockingQueue<byte[]> payloads = new LinkedBlockingQueue<>();
        final BlockingQueue<Object> tags = new LinkedBlockingQueue<>();

        @Override
        public void delivered(String topic, byte[] payload, int qos, Object tag) {
            events.add("delivery " + topic + " qos " + qos);
            payloads.add(payload);
            tags.add(tag == null ? "no tag" : tag);
        }

        @Override
        public void published(int packetId) {
            events.add("puback " + packetId);
        }

        @Override
        public void subscribed(int packetId, List<Integer> grantedQos) {
            events.add("suback " + packetId + " " + grantedQos);
        }

        @Override
        public void unsubscribed(int packetId) {
            events.add("unsuback " + packetId);
        }

        @Override
        public void brokerBatchEnd() {
        }

        @Override
        public void closed() {
            events.add("closed");
        }
    }
}
