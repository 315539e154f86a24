package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.testing.ProcSockets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as a process of its own, observed from outside: which ports the kernel says it listens on, and
 * how much memory it needs when a publisher outruns a subscriber. Runs after packaging (Failsafe).
 */
class EmulatorProcessIT {

    private static final Pattern PORT = Pattern.compile("(?:ws|tcp|https?|ssl)://(?:127\\.0\\.0\\.1|localhost):(\\d+)");
    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor(15, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_process_listens_only_on_the_ports_it_prints_and_the_broker_on_none() throws Exception {
        List<String> banner = start(List.of(), "0");
        Set<Integer> printed = new TreeSet<>();
        for (String line : banner) {
            if (line.trim().startsWith("MQTT over") || line.trim().startsWith("HTTP")) {
                Matcher m = PORT.matcher(line);
                assertTrue(m.find(), line);
                printed.add(Integer.parseInt(m.group(1)));
            }
        }
        assertEquals(4, printed.size(), "HTTP/WebSocket, MQTT/TCP, HTTPS/WSS and MQTT/TLS: " + banner);
        Set<Integer> listening = new TreeSet<>();
        for (ProcSockets.Socket s : ProcSockets.of(process.pid())) {
            if (s.listening()) {
                listening.add(s.localPort());
                assertTrue(s.localIsLoopback(), "listening beyond loopback: " + s);
            }
        }
        assertEquals(printed, listening, "the emulator's listening sockets, from /proc/" + process.pid());
    }

    /**
     * A flat-out QoS 1 publisher (100 in flight) and a subscriber that takes 1 ms per message: 128 MB go through an
     * emulator whose heap is capped at 64 MB and direct memory at 64 MB. If anything buffered without bound, the
     * emulator would run out of memory; instead the publisher is slowed down, and nothing is lost or duplicated.
     */
    @Test
    void a_flat_out_publisher_and_a_slow_subscriber_fit_in_a_64_mb_heap_and_lose_nothing() throws Exception {
        List<String> banner = start(List.of("-Xmx64m", "-XX:MaxDirectMemorySize=64m"), "-1");
        String tcp = EmulatorJar.endpoint(banner, "MQTT over TCP", "tcp://");
        int count = 8_000;
        byte[] padding = new byte[16 * 1024];
        AtomicInteger received = new AtomicInteger();
        AtomicReference<String> problem = new AtomicReference<>();
        MqttClient subscriber = new MqttClient(tcp, "slow-subscriber", new MemoryPersistence());
        subscriber.setCallback(new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                problem.compareAndSet(null, "subscriber lost its connection: " + cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                int expected = received.get();
                int got = ((message.getPayload()[0] & 0xff) << 16) | ((message.getPayload()[1] & 0xff) << 8)
                        | (message.getPayload()[2] & 0xff);
                if (got != expected) {
                    problem.compareAndSet(null, "expected message " + expected + " but got " + got
                            + (got < expected ? " (a duplicate)" : " (one was lost)"));
                }
                received.incrementAndGet();
                Thread.sleep(1);
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {
            }
        });
        subscriber.connect(options());
        subscriber.subscribe("flood/#", 1);

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try (WindowedPublisher publisher = new WindowedPublisher(tcp, "flat-out-publisher", problem)) {
            for (int i = 0; i < count && problem.get() == null; i++) {
                byte[] payload = padding.clone();
                payload[0] = (byte) (i >> 16);
                payload[1] = (byte) (i >> 8);
                payload[2] = (byte) i;
                publisher.publish("flood/" + (i % 10), payload, deadline);
            }
            while (received.get() < count && problem.get() == null && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(null, problem.get());
            assertEquals(count, received.get(), "every message arrived once, in order");
        }
        subscriber.disconnect();
        subscriber.close();

        assertTrue(process.isAlive(), "the emulator died");
        JsonNode stats = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(EmulatorJar.endpoint(banner, "HTTP ", "http://") + "/__emulator/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(stats.at("/backPressure/episodes").asLong() > 0, "the subscriber never held the publisher back, "
                + "so this test proved nothing: " + stats);
        assertEquals(0, stats.at("/dropped/SESSION_QUEUE_FULL").asLong(), stats.toString());
        process.destroy();
        process.waitFor(15, TimeUnit.SECONDS);
        String log = Files.readString(stderr);
        assertFalse(log.contains("OutOfMemoryError"), log);
    }

    /** Ordinary ends of connections are not errors: nothing at WARN or above, let alone a stack trace. */
    @Test
    void abrupt_disconnects_in_the_middle_of_traffic_log_nothing_at_warn_or_above() throws Exception {
        List<String> banner = start(List.of(), "-1");
        String tcp = EmulatorJar.endpoint(banner, "MQTT over TCP", "tcp://");
        MqttClient source = new MqttClient(tcp, "chatter", new MemoryPersistence());
        source.connect(options());
        for (int round = 0; round < 30; round++) {
            MqttClient listener = new MqttClient(tcp, "listener-" + round, new MemoryPersistence());
            listener.connect(options());
            listener.subscribe("chatter/#", 1);
            for (int i = 0; i < 20; i++) {
                source.publish("chatter/" + i, new byte[256], 1, false);
            }
            // Gone without a DISCONNECT, with deliveries in flight, as a crashed or unplugged device goes.
            listener.disconnectForcibly(0, 100, false);
            listener.close(true);
        }
        source.disconnect();
        source.close();
        Thread.sleep(500);
        List<String> loud = Files.readAllLines(stderr).stream()
                .filter(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception")).toList();
        assertEquals(List.of(), loud, "log lines at WARN or above for ordinary disconnects");
    }

    private Path stderr;

    /**
     * Starts the jar with the given JVM options on free ports; returns its banner.
     *
     * @param tlsPorts {@code 0} for TLS listeners on free ports, {@code -1} for none
     */
    private List<String> start(List<String> jvmOptions, String tlsPorts) throws Exception {
        stderr = Files.createTempFile("iot-emulator", ".err");
        List<String> command = new ArrayList<>(List.of(EmulatorJar.javaBinary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", EmulatorJar.path().toString(), "--http-port", "0", "--mqtt-port", "0",
                "--https-port", tlsPorts, "--mqtts-port", tlsPorts, "--data-dir",
                Files.createTempDirectory("iot-emulator-data").toString()));
        process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        return EmulatorJar.readBanner(process);
    }


    private static MqttConnectOptions options() {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(60);
        options.setMaxInflight(PahoClients.PAHO_SAFE_MAX_INFLIGHT);
        return options;
    }
}
