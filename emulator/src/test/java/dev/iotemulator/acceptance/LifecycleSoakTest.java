package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/**
 * 200 clients connect, subscribe and disconnect in a loop for 30 s. Every connect must have exactly one disconnect
 * event with the same versionNumber, and no SUBSCRIBE right after CONNACK may be lost to Moquette's race.
 */
class LifecycleSoakTest {

    static final int CLIENTS = 200;
    static final Duration RUN = Duration.ofSeconds(30);

    @Test
    void every_connect_has_exactly_one_matching_disconnect_under_200_clients_for_30_s() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "soak-observer")) {
            String tcp = iot.endpoints().mqttUri().orElseThrow().toString();
            AtomicInteger cycles = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            List<String> failureSamples = java.util.Collections.synchronizedList(new ArrayList<>());
            long end = System.nanoTime() + RUN.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String clientId = "soak-" + i;
                running.add(pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            MqttClient client = new MqttClient(tcp, clientId, new MemoryPersistence());
                            client.setTimeToWait(30_000);
                            client.connect(PahoClients.options());
                            client.subscribe("soak/" + clientId, 1);
                            client.disconnect();
                            client.close();
                            cycles.incrementAndGet();
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            if (failureSamples.size() < 5) {
                                failureSamples.add(clientId + ": " + e);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
            pool.shutdown();

            Await.until(() -> count(observer, "disconnected") >= cycles.get() + failures.get()
                    && count(observer, "connected") == count(observer, "disconnected"),
                    Duration.ofSeconds(60), () -> "connected=" + count(observer, "connected") + " disconnected="
                            + count(observer, "disconnected") + " cycles=" + cycles.get());

            Map<String, Integer> pairs = new HashMap<>();
            for (LifecycleObserver.Event e : observer.events) {
                JsonNode body = e.body();
                if (!body.get("clientId").asText().startsWith("soak-")) {
                    continue;
                }
                String type = body.get("eventType").asText();
                if (type.equals("connected") || type.equals("disconnected")) {
                    String key = body.get("clientId").asText() + "#" + body.get("versionNumber").asLong();
                    pairs.merge(key, type.equals("connected") ? 1 : 100, Integer::sum);
                }
            }
            long unmatched = pairs.values().stream().filter(v -> v != 101).count();
            System.out.printf("soak: %d clients, %d connect/subscribe/disconnect cycles in %d s, %d failures, "
                    + "%d connect/disconnect pairs, %d unmatched%n", CLIENTS, cycles.get(), RUN.toSeconds(),
                    failures.get(), pairs.size(), unmatched);
            assertEquals(0, failures.get(), "failed cycles, e.g. " + failureSamples);
            assertTrue(cycles.get() > CLIENTS, "each client cycled at least once: " + cycles.get());
            assertEquals(0, unmatched, "connects without exactly one disconnect of the same versionNumber");
            assertEquals(cycles.get(), pairs.size(), "one connect/disconnect pair per cycle");
        }
    }

    private static long count(LifecycleObserver observer, String eventType) {
        return observer.events.stream()
                .filter(e -> e.body().get("eventType").asText().equals(eventType))
                .filter(e -> e.body().get("clientId").asText().startsWith("soak-"))
                .count();
    }
}
