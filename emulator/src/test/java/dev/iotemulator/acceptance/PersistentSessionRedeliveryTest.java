package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A persistent session ({@code cleanSession=false}) that loses its connection keeps what its client had not
 * acknowledged and what arrived meanwhile, and hands all of it over, in order, as soon as the client is back: within
 * a second of its CONNACK (typically a few milliseconds), not after Moquette's resend timer (about 5 s). The bound is
 * loose so a loaded machine cannot fail it; a session that waited for a timer still would. The unacknowledged ones
 * come again with DUP set, as MQTT requires.
 */
class PersistentSessionRedeliveryTest {

    private static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    private record Arrival(String payload, boolean duplicate, long nanos) {
    }

    @Test
    void unacknowledged_and_queued_qos1_messages_arrive_in_order_within_100_ms_of_reconnecting() throws Exception {
        BlockingQueue<Arrival> firstInbox = new LinkedBlockingQueue<>();
        MqttClient first = client("keeper", firstInbox);
        first.setManualAcks(true);
        first.connect(persistent());
        first.subscribe("orders/#", 1);

        try (PahoClients.Client publisher = PahoClients.overWebSocket(iot.endpoints(), "order-desk")) {
            for (int i = 1; i <= 5; i++) {
                publisher.paho.publish("orders/" + i, utf8("m" + i), 1, false);
            }
            for (int i = 1; i <= 5; i++) {
                assertNotNull(firstInbox.poll(10, TimeUnit.SECONDS), "message " + i + " before the drop");
            }
            // Drops the connection without a DISCONNECT and without acknowledging m1..m5.
            first.disconnectForcibly(0, 1000, false);
            first.close(true);
            Await.until(() -> iot.connectedClients().stream().noneMatch(c -> c.clientId().equals("keeper")),
                    java.time.Duration.ofSeconds(10), () -> "keeper still connected: " + iot.connectedClients());
            for (int i = 6; i <= 10; i++) {
                publisher.paho.publish("orders/" + i, utf8("m" + i), 1, false);
            }
            iot.awaitMessage("orders/10", java.time.Duration.ofSeconds(10));

            BlockingQueue<Arrival> inbox = new LinkedBlockingQueue<>();
            MqttClient back = client("keeper", inbox);
            back.connect(persistent());
            long connected = System.nanoTime();
            List<Arrival> arrived = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Arrival a = inbox.poll(10, TimeUnit.SECONDS);
                assertNotNull(a, "only " + arrived.size() + " of 10 arrived after reconnecting: " + arrived);
                arrived.add(a);
            }
            assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"),
                    arrived.stream().map(Arrival::payload).toList(), "in order");
            assertTrue(arrived.subList(0, 5).stream().allMatch(Arrival::duplicate), "unacknowledged: DUP set");
            assertFalse(arrived.subList(5, 10).stream().anyMatch(Arrival::duplicate), "queued: first delivery");
            long lastMillis = (arrived.get(9).nanos() - connected) / 1_000_000;
            assertTrue(lastMillis < 1_000, "the session's messages took " + lastMillis + " ms after the CONNACK");
            back.disconnect();
            back.close();
        }
    }

    private static MqttConnectOptions persistent() {
        MqttConnectOptions options = PahoClients.options();
        options.setCleanSession(false);
        return options;
    }

    private static MqttClient client(String clientId, BlockingQueue<Arrival> inbox) throws Exception {
        MqttClient client = new MqttClient(iot.endpoints().presignedWebSocketUri().toString(), clientId,
                new MemoryPersistence());
        client.setTimeToWait(10_000);
        client.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                inbox.add(new Arrival(new String(message.getPayload(), StandardCharsets.UTF_8), message.isDuplicate(),
                        System.nanoTime()));
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        return client;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
