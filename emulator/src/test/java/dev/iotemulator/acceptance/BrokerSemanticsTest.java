package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AWS IoT's MQTT behaviour where it differs from the MQTT specification and from Moquette, with real Paho clients
 * over presigned WebSockets and plain TCP (AWS IoT developer guide: "MQTT", "MQTT topics", limits).
 */
class BrokerSemanticsTest {

    static IotEmulator iot;
    static String tcp;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        tcp = iot.endpoints().mqttUri().orElseThrow().toString();
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    static PahoClients.Client ws(String clientId) throws MqttException {
        return PahoClients.overWebSocket(iot.endpoints(), clientId);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static void assertClosedByServer(PahoClients.Client client, ThrowingAction action) {
        try {
            action.run();
        } catch (MqttException expected) {
            // Paho reports the closed connection on the call itself, or later through connectionLost.
        }
        Await.until(() -> !client.paho.isConnected(), Duration.ofSeconds(10),
                () -> client.paho.getClientId() + " is still connected");
    }

    interface ThrowingAction {
        void run() throws MqttException;
    }

    // 1. Limits

    @Test
    void a_client_id_over_128_bytes_is_refused() throws Exception {
        MqttClient client = new MqttClient(tcp, "c".repeat(129), new MemoryPersistence());
        assertThrows(MqttException.class, () -> client.connect(PahoClients.options()));
        client.close();
        PahoClients.connect(tcp, "c".repeat(128)).close();
    }

    @Test
    void a_client_id_starting_with_a_dollar_is_refused() throws Exception {
        MqttClient client = new MqttClient(tcp, "$reserved", new MemoryPersistence());
        assertThrows(MqttException.class, () -> client.connect(PahoClients.options()));
        client.close();
    }

    @Test
    void a_topic_over_256_bytes_closes_the_connection() throws Exception {
        try (PahoClients.Client client = ws("long-topic")) {
            client.paho.publish("t".repeat(256), utf8("fits"), 0, false);
            assertClosedByServer(client, () -> client.paho.publish("t".repeat(257), utf8("too long"), 1, false));
        }
    }

    @Test
    void a_topic_with_eight_slashes_closes_the_connection() throws Exception {
        try (PahoClients.Client client = PahoClients.connect(tcp, "deep-topic")) {
            client.paho.publish("a/b/c/d/e/f/g/h", utf8("seven slashes"), 1, false);
            assertClosedByServer(client, () -> client.paho.publish("a/b/c/d/e/f/g/h/i", utf8("eight"), 1, false));
        }
    }

    @Test
    void nine_filters_in_one_subscribe_close_the_connection() throws Exception {
        try (PahoClients.Client client = ws("nine-filters")) {
            String[] eight = {"f/1", "f/2", "f/3", "f/4", "f/5", "f/6", "f/7", "f/8"};
            client.paho.subscribe(eight, new int[8]);
            String[] nine = {"g/1", "g/2", "g/3", "g/4", "g/5", "g/6", "g/7", "g/8", "g/9"};
            assertClosedByServer(client, () -> client.paho.subscribe(nine, new int[9]));
        }
    }

    @Test
    void a_51st_subscription_closes_the_connection() throws Exception {
        try (PahoClients.Client client = PahoClients.connect(tcp, "fifty-one")) {
            for (int i = 0; i < 50; i++) {
                client.paho.subscribe("many/" + i, 0);
            }
            client.paho.subscribe("many/0", 1);
            assertClosedByServer(client, () -> client.paho.subscribe("many/50", 0));
        }
    }

    // 2. QoS

    @Test
    void a_qos_2_publish_closes_the_connection() throws Exception {
        try (PahoClients.Client client = ws("qos2-publisher")) {
            assertClosedByServer(client, () -> client.paho.publish("qos/two", utf8("x"), 2, false));
        }
    }

    @Test
    void a_qos_2_subscribe_closes_the_connection() throws Exception {
        try (PahoClients.Client client = PahoClients.connect(tcp, "qos2-subscriber")) {
            assertClosedByServer(client, () -> client.paho.subscribe("qos/two", 2));
        }
    }

    @Test
    void a_qos_2_will_is_refused_at_connect() throws Exception {
        MqttClient client = new MqttClient(tcp, "qos2-will", new MemoryPersistence());
        MqttConnectOptions options = PahoClients.options();
        options.setWill("wills/qos2", utf8("bye"), 2, false);
        assertThrows(MqttException.class, () -> client.connect(options));
        client.close();
    }

    // 4. Topic matching

    @Test
    void a_multi_level_wildcard_does_not_match_its_parent_level() throws Exception {
        try (PahoClients.Client subscriber = ws("parent-sub"); PahoClients.Client publisher = ws("parent-pub")) {
            subscriber.paho.subscribe("sensor/#", 1);
            publisher.paho.publish("sensor", utf8("parent"), 1, false);
            publisher.paho.publish("sensor/temp", utf8("child"), 1, false);
            PahoClients.Received first = subscriber.next();
            assertEquals("sensor/temp", first.topic(), "sensor/# must not deliver 'sensor' on AWS IoT");
        }
    }

    // 5. Retained messages

    @Test
    void retained_messages_behave_as_on_aws() throws Exception {
        try (PahoClients.Client publisher = ws("retain-pub");
                PahoClients.Client wildcard = ws("retain-wild");
                PahoClients.Client exact = PahoClients.connect(tcp, "retain-exact");
                PahoClients.Client witness = ws("retain-witness")) {
            // The witness sees the live copy, so the broker has routed it before the wildcard subscribes;
            // otherwise a QoS 0 publish still in flight could reach the new subscription live.
            witness.paho.subscribe("door/front", 1);
            publisher.paho.publish("door/front", utf8("open"), 0, true);
            assertEquals("door/front", witness.next().topic());

            wildcard.paho.subscribe("door/+", 1);
            publisher.paho.publish("door/marker", utf8("marker"), 1, false);
            assertEquals("door/marker", wildcard.next().topic(), "a wildcard filter gets no stored retained message");

            exact.paho.subscribe("door/front", 1);
            PahoClients.Received stored = exact.next();
            assertEquals("open", new String(stored.message().getPayload(), StandardCharsets.UTF_8),
                    "a QoS 0 retained message is stored");
            assertTrue(stored.message().isRetained(), "the copy sent on subscribe has RETAIN set");

            publisher.paho.publish("door/front", utf8("closed"), 1, true);
            PahoClients.Received live = exact.next();
            assertEquals("closed", new String(live.message().getPayload(), StandardCharsets.UTF_8));
            assertFalse(live.message().isRetained(), "live deliveries have RETAIN cleared");

            publisher.paho.publish("door/front", new byte[0], 1, true);
            assertArrayEquals(new byte[0], exact.next().message().getPayload(),
                    "an empty retained publish is still forwarded");
            try (PahoClients.Client late = ws("retain-late")) {
                late.paho.subscribe("door/front", 1);
                late.paho.subscribe("door/marker", 1);
                publisher.paho.publish("door/marker", utf8("marker"), 1, false);
                assertEquals("door/marker", late.next().topic(), "the empty retained publish deleted the message");
            }
        }
    }

    // 6. Persistent sessions

    @Test
    void a_persistent_session_receives_qos_1_messages_sent_while_it_was_offline() throws Exception {
        MqttConnectOptions persistent = PahoClients.options();
        persistent.setCleanSession(false);
        MqttClient device = new MqttClient(iot.endpoints().presignedWebSocketUri().toString(), "persistent-device",
                new MemoryPersistence());
        device.setTimeToWait(15_000);
        assertFalse(device.connectWithResult(persistent).getSessionPresent());
        device.subscribe("inbox/persistent-device", 1);
        device.disconnect();
        device.close();

        try (PahoClients.Client sender = PahoClients.connect(tcp, "persistent-sender")) {
            sender.paho.publish("inbox/persistent-device", utf8("while you were away"), 1, false);
        }

        MqttClient again = new MqttClient(iot.endpoints().presignedWebSocketUri().toString(), "persistent-device",
                new MemoryPersistence());
        PahoClients.Client resumed = new PahoClients.Client(again);
        again.setTimeToWait(15_000);
        assertTrue(again.connectWithResult(persistent).getSessionPresent(), "sessionPresent");
        assertEquals("while you were away", new String(resumed.next().message().getPayload(), StandardCharsets.UTF_8));
        again.disconnect();
        again.close();
    }

    // 7. Client-id takeover

    @Test
    void a_second_connection_with_the_same_client_id_takes_over_and_the_old_will_is_published() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "takeover-observer");
                PahoClients.Client wills = ws("takeover-wills")) {
            wills.paho.subscribe("wills/twin", 1);
            MqttClient first = new MqttClient(tcp, "twin", new MemoryPersistence());
            MqttConnectOptions withWill = PahoClients.options();
            withWill.setWill("wills/twin", utf8("first twin gone"), 1, false);
            first.connect(withWill);
            LifecycleObserver.Event connected = observer.await("$aws/events/presence/connected/twin");

            try (PahoClients.Client second = ws("twin")) {
                Await.until(() -> !first.isConnected(), Duration.ofSeconds(10), () -> "the first twin stayed connected");
                assertEquals("first twin gone", new String(wills.next().message().getPayload(), StandardCharsets.UTF_8));
                LifecycleObserver.Event gone = observer.await(e -> e.topic().endsWith("/disconnected/twin")
                        && e.body().get("versionNumber").equals(connected.body().get("versionNumber")),
                        "disconnected for the first twin");
                assertEquals("DUPLICATE_CLIENTID", gone.body().get("disconnectReason").asText());
                assertFalse(gone.body().get("clientInitiatedDisconnect").asBoolean());
                assertTrue(second.paho.isConnected());
            }
            first.close(true);
        }
    }

    // 8. Reserved topics

    @Test
    void publishing_to_a_reserved_response_topic_closes_the_connection() throws Exception {
        try (PahoClients.Client client = ws("reserved-pub")) {
            client.paho.publish("$aws/things/t1/shadow/update", utf8("{}"), 1, false);
            assertClosedByServer(client,
                    () -> client.paho.publish("$aws/things/t1/shadow/update/accepted", utf8("{}"), 1, false));
        }
    }

    @Test
    void subscribing_to_an_undefined_reserved_topic_closes_the_connection() throws Exception {
        try (PahoClients.Client client = PahoClients.connect(tcp, "reserved-sub")) {
            client.paho.subscribe("$aws/things/t1/shadow/update/accepted", 1);
            assertClosedByServer(client, () -> client.paho.subscribe("$SYS/#", 0));
        }
    }

    @Test
    void a_hash_subscription_does_not_receive_dollar_topics() throws Exception {
        try (PahoClients.Client everything = ws("hash-sub"); PahoClients.Client shadow = ws("shadow-sub");
                PahoClients.Client device = ws("shadow-device")) {
            everything.paho.subscribe("#", 1);
            shadow.paho.subscribe("$aws/things/t9/shadow/update", 1);
            device.paho.publish("$aws/things/t9/shadow/update", utf8("{\"state\":{}}"), 1, false);
            assertEquals("$aws/things/t9/shadow/update", shadow.next().topic());
            device.paho.publish("plain/marker", utf8("marker"), 1, false);
            assertEquals("plain/marker", everything.next().topic(), "# must not deliver $aws topics");
        }
    }

    // 9. Lifecycle events

    @Test
    void connect_and_disconnect_events_carry_the_aws_fields_and_share_a_version_number() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "lifecycle-observer")) {
            PahoClients.Client device = ws("lifecycle-device");
            device.close();
            LifecycleObserver.Event connected = observer.await("$aws/events/presence/connected/lifecycle-device");
            LifecycleObserver.Event disconnected = observer.await(
                    "$aws/events/presence/disconnected/lifecycle-device");

            assertEquals(java.util.List.of("clientId", "timestamp", "eventType", "sessionIdentifier",
                    "principalIdentifier", "ipAddress", "versionNumber"), fieldNames(connected));
            assertEquals("connected", connected.body().get("eventType").asText());
            assertEquals("127.0.0.1", connected.body().get("ipAddress").asText());
            assertEquals("000000000000/AKIAIOSFODNN7EXAMPLE", connected.body().get("principalIdentifier").asText());
            assertTrue(Math.abs(System.currentTimeMillis() - connected.body().get("timestamp").asLong()) < 60_000,
                    "timestamp in milliseconds");

            assertEquals(java.util.List.of("clientId", "timestamp", "eventType", "sessionIdentifier",
                    "principalIdentifier", "clientInitiatedDisconnect", "disconnectReason", "versionNumber"),
                    fieldNames(disconnected));
            assertEquals("CLIENT_INITIATED_DISCONNECT", disconnected.body().get("disconnectReason").asText());
            assertTrue(disconnected.body().get("clientInitiatedDisconnect").asBoolean());
            assertEquals(connected.body().get("versionNumber"), disconnected.body().get("versionNumber"));
            assertEquals(connected.body().get("sessionIdentifier"), disconnected.body().get("sessionIdentifier"));
        }
    }

    @Test
    void a_lost_socket_is_connection_lost_and_publishes_the_will() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "lost-observer");
                PahoClients.Client wills = ws("lost-wills")) {
            wills.paho.subscribe("wills/lost", 1);
            try (java.net.Socket socket = new java.net.Socket("127.0.0.1", iot.endpoints().mqttPort())) {
                socket.getOutputStream().write(connectWithWill("lost-device", "wills/lost", "gone"));
                socket.getOutputStream().flush();
                assertEquals(0x20, socket.getInputStream().read(), "CONNACK");
                observer.await("$aws/events/presence/connected/lost-device");
            }
            LifecycleObserver.Event lost = observer.await("$aws/events/presence/disconnected/lost-device");
            assertEquals("CONNECTION_LOST", lost.body().get("disconnectReason").asText());
            assertEquals("gone", new String(wills.next().message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void a_client_error_is_reported_as_such() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "error-observer");
                PahoClients.Client client = ws("error-device")) {
            assertClosedByServer(client, () -> client.paho.publish("qos/two", utf8("x"), 2, false));
            LifecycleObserver.Event event = observer.await("$aws/events/presence/disconnected/error-device");
            assertEquals("CLIENT_ERROR", event.body().get("disconnectReason").asText());
        }
    }

    @Test
    void subscribe_and_unsubscribe_events_list_the_filters() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "subs-observer");
                PahoClients.Client client = ws("subs-device")) {
            client.paho.subscribe(new String[] {"s/1", "s/#"}, new int[] {0, 1});
            client.paho.unsubscribe("s/1");
            LifecycleObserver.Event subscribed = observer.await("$aws/events/subscriptions/subscribed/subs-device");
            assertEquals("[\"s/1\",\"s/#\"]", subscribed.body().get("topics").toString());
            assertEquals("subscribed", subscribed.body().get("eventType").asText());
            LifecycleObserver.Event unsubscribed = observer.await(
                    "$aws/events/subscriptions/unsubscribed/subs-device");
            assertEquals("[\"s/1\"]", unsubscribed.body().get("topics").toString());
        }
    }

    @Test
    void client_ids_with_wildcard_characters_get_no_lifecycle_events() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "wild-observer")) {
            PahoClients.connect(tcp, "odd+id").close();
            PahoClients.connect(tcp, "after-odd").close();
            observer.await("$aws/events/presence/disconnected/after-odd");
            assertTrue(observer.events.stream().noneMatch(e -> e.topic().contains("odd+id")), observer.events::toString);
        }
    }

    private static java.util.List<String> fieldNames(LifecycleObserver.Event event) {
        java.util.List<String> names = new java.util.ArrayList<>();
        event.body().fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] connectWithWill(String clientId, String willTopic, String willMessage) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x0E, 0, 60});
        for (String s : new String[] {clientId, willTopic, willMessage}) {
            byte[] b = utf8(s);
            body.write(b.length >> 8);
            body.write(b.length);
            body.writeBytes(b);
        }
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }
}
