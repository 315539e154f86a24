package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Paho 1.2.5 over a SigV4-presigned {@code ws://} URL, exactly as an app connects to AWS IoT over WSS. */
class PahoWebSocketTest {

    static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void paho_connects_subscribes_publishes_and_receives_over_a_presigned_url() throws Exception {
        try (PahoClients.Client subscriber = PahoClients.overWebSocket(iot.endpoints(), "paho-sub");
                PahoClients.Client publisher = PahoClients.overWebSocket(iot.endpoints(), "paho-pub")) {
            subscriber.paho.subscribe("chat/room1", 1);
            publisher.paho.publish("chat/room1", "hello from paho".getBytes(StandardCharsets.UTF_8), 1, false);

            PahoClients.Received received = subscriber.next();
            assertEquals("chat/room1", received.topic());
            assertEquals("hello from paho", new String(received.message().getPayload(), StandardCharsets.UTF_8));
            assertEquals(1, received.message().getQos());
        }
    }

    @Test
    void twenty_clients_at_once_each_receive_every_other_clients_message() throws Exception {
        int n = 20;
        List<PahoClients.Client> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                PahoClients.Client c = PahoClients.overWebSocket(iot.endpoints(), "crowd-" + i);
                c.paho.subscribe("crowd/+", 1);
                clients.add(c);
            }
            for (int i = 0; i < n; i++) {
                clients.get(i).paho.publish("crowd/" + i, ("from-" + i).getBytes(StandardCharsets.UTF_8), 1, false);
            }
            for (PahoClients.Client c : clients) {
                Set<String> payloads = new HashSet<>();
                for (PahoClients.Received r : c.take(n)) {
                    payloads.add(new String(r.message().getPayload(), StandardCharsets.UTF_8));
                }
                assertEquals(n, payloads.size(), "distinct messages seen by " + c.paho.getClientId());
            }
        } finally {
            for (PahoClients.Client c : clients) {
                c.close();
            }
        }
    }

    @Test
    void a_128_kb_binary_payload_round_trips_byte_exact() throws Exception {
        byte[] payload = new byte[128 * 1024];
        new Random(42).nextBytes(payload);
        try (PahoClients.Client client = PahoClients.overWebSocket(iot.endpoints(), "big-payload")) {
            client.paho.subscribe("blobs/one", 1);
            client.paho.publish("blobs/one", payload, 1, false);

            PahoClients.Received received = client.next();
            assertArrayEquals(payload, received.message().getPayload());
        }
    }

    @Test
    void every_large_qos1_publish_to_a_topic_the_publisher_receives_is_acknowledged() throws Exception {
        byte[] payload = new byte[100 * 1024];
        try (PahoClients.Client client = PahoClients.overWebSocket(iot.endpoints(), "large-echo")) {
            client.paho.subscribe("echo/large", 1);
            for (int i = 0; i < 20; i++) {
                payload[0] = (byte) i;
                client.paho.publish("echo/large", payload, 1, false);
            }
            Set<Byte> arrived = new HashSet<>();
            for (PahoClients.Received r : client.take(20)) {
                arrived.add(r.message().getPayload()[0]);
            }
            assertEquals(20, arrived.size(), "every one of the 20 messages arrives (AWS does not promise their order)");
        }
    }

    @Test
    void a_payload_over_128_kb_closes_the_connection_and_others_are_unaffected() throws Exception {
        byte[] payload = new byte[128 * 1024 + 1];
        try (PahoClients.Client bystander = PahoClients.overWebSocket(iot.endpoints(), "bystander");
                PahoClients.Client offender = PahoClients.overWebSocket(iot.endpoints(), "offender")) {
            bystander.paho.subscribe("blobs/#", 1);
            try {
                offender.paho.publish("blobs/two", payload, 1, false);
            } catch (org.eclipse.paho.client.mqttv3.MqttException expected) {
                // Paho reports the lost connection on the publish itself or through connectionLost.
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (offender.paho.isConnected() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(offender.paho.isConnected(), "the oversize publisher must be disconnected");

            offender.paho.close(true);
            try (PahoClients.Client other = PahoClients.overWebSocket(iot.endpoints(), "after-offender")) {
                other.paho.publish("blobs/three", "still fine".getBytes(StandardCharsets.UTF_8), 1, false);
            }
            PahoClients.Received received = bystander.next();
            assertEquals("blobs/three", received.topic());
            assertTrue(bystander.paho.isConnected());
        }
    }
}
