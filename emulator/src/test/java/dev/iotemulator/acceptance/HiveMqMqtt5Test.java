package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.JournalEntry;
import dev.iotemulator.ReceivedMessage;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The HiveMQ MQTT client (1.3.3), an MQTT 5 client, over the plain TCP port: AWS's CONNACK properties, properties
 * end to end, and shared subscriptions load-balancing a topic over a group of workers.
 */
@IotEmulatorTest
class HiveMqMqtt5Test {

    static IotEmulator iot;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
    }

    static Mqtt5BlockingClient client(String clientId) {
        return HiveMqClients.tcp(iot.endpoints(), clientId).buildBlocking();
    }

    @Test
    void the_connack_advertises_what_aws_iot_core_advertises() {
        Mqtt5BlockingClient client = client("hive-connack");
        Mqtt5ConnAck ack = client.connectWith().keepAlive(10).sessionExpiryInterval(7200).send();
        try {
            var restrictions = ack.getRestrictions();
            assertEquals(MqttQos.AT_LEAST_ONCE, restrictions.getMaximumQos());
            assertEquals(100, restrictions.getReceiveMaximum());
            assertEquals(8, restrictions.getTopicAliasMaximum());
            assertEquals(128 * 1024, restrictions.getMaximumPacketSize());
            assertTrue(restrictions.isRetainAvailable());
            assertTrue(restrictions.isWildcardSubscriptionAvailable());
            assertTrue(restrictions.isSharedSubscriptionAvailable());
            assertFalse(restrictions.areSubscriptionIdentifiersAvailable());
            assertEquals(30, ack.getServerKeepAlive().orElseThrow(), "keep-alive clamped the AWS way");
            assertEquals(3600, ack.getSessionExpiryInterval().orElseThrow(), "session expiry capped at 1 h");
        } finally {
            client.disconnect();
        }
    }

    @Test
    void an_empty_client_id_gets_one_assigned() {
        Mqtt5BlockingClient client = Mqtt5Client.builder().serverHost(iot.endpoints().host())
                .serverPort(iot.endpoints().mqttPort()).buildBlocking();
        Mqtt5ConnAck ack = client.connect();
        try {
            String assigned = ack.getAssignedClientIdentifier().orElseThrow().toString();
            assertTrue(assigned.startsWith("$"), assigned);
        } finally {
            client.disconnect();
        }
    }

    @Test
    void user_properties_response_topic_and_correlation_data_arrive_intact_and_in_order() throws Exception {
        Mqtt5BlockingClient requester = client("hive-requester");
        Mqtt5BlockingClient responder = client("hive-responder");
        requester.connect();
        responder.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = responder.publishes(MqttGlobalPublishFilter.ALL)) {
            responder.subscribeWith().topicFilter("hive/requests").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5PublishResult result = requester.publishWith().topic("hive/requests").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("ping".getBytes(UTF_8)).responseTopic("hive/responses/1")
                    .correlationData("c-1".getBytes(UTF_8)).contentType("text/plain").payloadFormatIndicator(
                            Mqtt5PayloadFormatIndicator.UTF_8)
                    .userProperties().add("b", "2").add("a", "1").add("b", "3").applyUserProperties().send();
            assertFalse(result.getError().isPresent());
            Mqtt5Publish got = inbox.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals("ping", new String(got.getPayloadAsBytes(), UTF_8));
            assertEquals("hive/responses/1", got.getResponseTopic().orElseThrow().toString());
            assertEquals("c-1", UTF_8.decode(got.getCorrelationData().orElseThrow()).toString());
            assertEquals("text/plain", got.getContentType().orElseThrow().toString());
            List<String> props = new ArrayList<>();
            for (Mqtt5UserProperty p : got.getUserProperties().asList()) {
                props.add(p.getName() + "=" + p.getValue());
            }
            assertEquals(List.of("b=2", "a=1", "b=3"), props);
        } finally {
            requester.disconnect();
            responder.disconnect();
        }
        ReceivedMessage journaled = iot.awaitMessage(m -> m.hasUserProperty("a", "1"), Duration.ofSeconds(5));
        assertEquals("hive/responses/1", journaled.properties().responseTopic());
    }

    @Test
    void three_members_of_a_shared_subscription_receive_each_of_300_messages_exactly_once_in_total()
            throws Exception {
        List<Mqtt5BlockingClient> workers = new ArrayList<>();
        List<Mqtt5BlockingClient.Mqtt5Publishes> inboxes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Mqtt5BlockingClient worker = client("hive-worker-" + i);
            worker.connect();
            inboxes.add(worker.publishes(MqttGlobalPublishFilter.ALL));
            Mqtt5SubAck ack = worker.subscribeWith().topicFilter("$share/workers/hive/jobs/+")
                    .qos(MqttQos.AT_LEAST_ONCE).send();
            assertEquals(List.of(Mqtt5SubAckReasonCode.GRANTED_QOS_1), ack.getReasonCodes());
            workers.add(worker);
        }
        Mqtt5BlockingClient producer = client("hive-producer");
        producer.connect();
        try {
            for (int n = 0; n < 300; n++) {
                producer.publishWith().topic("hive/jobs/" + (n % 7)).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(Integer.toString(n).getBytes(UTF_8)).send();
            }
            Set<String> seen = new HashSet<>();
            int[] perWorker = new int[3];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (seen.size() < 300 && System.nanoTime() < deadline) {
                for (int w = 0; w < 3; w++) {
                    var p = inboxes.get(w).receive(10, TimeUnit.MILLISECONDS);
                    if (p.isPresent()) {
                        String payload = new String(p.get().getPayloadAsBytes(), UTF_8);
                        assertTrue(seen.add(payload), "message " + payload + " arrived twice");
                        perWorker[w]++;
                    }
                }
            }
            assertEquals(300, seen.size(), "each message once; per worker: " + Arrays.toString(perWorker));
            assertTrue(perWorker[0] > 0 && perWorker[1] > 0 && perWorker[2] > 0,
                    "every member got a share: " + Arrays.toString(perWorker));
            long deliveries = iot.journal().entries().stream()
                    .filter(e -> e.kind() == JournalEntry.Kind.DELIVERY
                            && e.clientId().startsWith("hive-worker-") && e.topic().startsWith("hive/jobs/"))
                    .count();
            assertEquals(300, deliveries, "the emulator delivered each message to one member only");
            ReceivedMessage subscribed = iot.awaitMessage("$aws/events/subscriptions/subscribed/hive-worker-0",
                    Duration.ofSeconds(5));
            assertTrue(subscribed.payloadAsString().contains("\"$share/workers/hive/jobs/+\""),
                    subscribed.payloadAsString());
        } finally {
            producer.disconnect();
            for (Mqtt5BlockingClient w : workers) {
                w.disconnect();
            }
        }
    }

    @Test
    void a_member_that_leaves_gets_nothing_more_and_the_others_get_everything() throws Exception {
        Mqtt5BlockingClient stays = client("hive-stays");
        Mqtt5BlockingClient leaves = client("hive-leaves");
        stays.connect();
        leaves.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = stays.publishes(MqttGlobalPublishFilter.ALL)) {
            stays.subscribeWith().topicFilter("$share/g2/hive/rebalance").qos(MqttQos.AT_LEAST_ONCE).send();
            leaves.subscribeWith().topicFilter("$share/g2/hive/rebalance").qos(MqttQos.AT_LEAST_ONCE).send();
            leaves.unsubscribeWith().topicFilter("$share/g2/hive/rebalance").send();
            for (int n = 0; n < 10; n++) {
                iot.publish("hive/rebalance", Integer.toString(n).getBytes(UTF_8), 1, false);
            }
            for (int n = 0; n < 10; n++) {
                assertEquals(Integer.toString(n), new String(inbox.receive(10, TimeUnit.SECONDS).orElseThrow()
                        .getPayloadAsBytes(), UTF_8));
            }
        } finally {
            stays.disconnect();
            leaves.disconnect();
        }
    }

    @Test
    void a_shared_subscription_never_gets_the_stored_retained_message() throws Exception {
        iot.publish("hive/retained", "kept".getBytes(UTF_8), 1, true);
        Mqtt5BlockingClient plain = client("hive-plain");
        Mqtt5BlockingClient member = client("hive-member");
        plain.connect();
        member.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes plainInbox = plain.publishes(MqttGlobalPublishFilter.ALL);
                Mqtt5BlockingClient.Mqtt5Publishes memberInbox = member.publishes(MqttGlobalPublishFilter.ALL)) {
            member.subscribeWith().topicFilter("$share/g3/hive/retained").qos(MqttQos.AT_LEAST_ONCE).send();
            plain.subscribeWith().topicFilter("hive/retained").qos(MqttQos.AT_LEAST_ONCE).send();
            Mqtt5Publish replayed = plainInbox.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertTrue(replayed.isRetain(), "the exact-match subscriber gets the retained copy");
            iot.publish("hive/retained", "live".getBytes(UTF_8), 1, false);
            assertEquals("live", new String(memberInbox.receive(10, TimeUnit.SECONDS).orElseThrow()
                    .getPayloadAsBytes(), UTF_8), "the first message the member gets is the live one");
        } finally {
            plain.disconnect();
            member.disconnect();
        }
    }
}
