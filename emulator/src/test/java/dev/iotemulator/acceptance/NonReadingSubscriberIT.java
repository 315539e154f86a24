package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A QoS 1 flood to a subscriber that never reads its socket, through the jar with a 256 MB heap and 256 MB of direct
 * memory: the subscriber holds publishers back for 10 s, then its queue fills to its cap and the rest is dropped and
 * counted, as AWS IoT drops what a client cannot take. Before the caps, this ended in OutOfMemoryError in 45 s.
 */
class NonReadingSubscriberIT {

    static final ObjectMapper JSON = new ObjectMapper();
    Process process;

    @AfterEach
    void stop() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    @Test
    void a_qos1_flood_to_a_subscriber_that_never_reads_ends_without_out_of_memory_with_drops_counted()
            throws Exception {
        Path stderr = Files.createTempFile("iot-emulator", ".err");
        process = new ProcessBuilder(EmulatorJar.javaBinary(), "-Xmx256m", "-XX:MaxDirectMemorySize=256m", "-jar",
                EmulatorJar.path().toString(), "--http-port", "0", "--mqtt-port", "0", "--https-port", "-1",
                "--mqtts-port", "-1", "--persistence", "false", "--data-dir",
                Files.createTempDirectory("iot-emulator-data").toString())
                .redirectError(stderr.toFile()).start();
        List<String> banner = EmulatorJar.readBanner(process);
        URI tcp = URI.create(EmulatorJar.endpoint(banner, "MQTT over TCP", "tcp://"));
        URI http = URI.create(EmulatorJar.endpoint(banner, "HTTP ", "http://"));

        try (Socket neverReads = new Socket()) {
            neverReads.setReceiveBufferSize(4096);
            neverReads.connect(new InetSocketAddress(tcp.getHost(), tcp.getPort()));
            OutputStream out = neverReads.getOutputStream();
            out.write(TcpMqttTest.connect("never-reads"));
            out.write(TcpMqttTest.subscribe("flood/#"));
            out.flush();
            DataInputStream in = new DataInputStream(neverReads.getInputStream());
            assertEquals(0x20, in.readUnsignedByte());
            in.readNBytes(3);
            assertEquals(0x90, in.readUnsignedByte());
            in.readNBytes(4);
            // From here on the subscriber reads nothing.

            int count = 30_000;
            AtomicReference<String> problem = new AtomicReference<>();
            Semaphore window = new Semaphore(100);
            MqttAsyncClient publisher = new MqttAsyncClient(tcp.toString(), "flood-publisher",
                    new MemoryPersistence());
            publisher.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    problem.compareAndSet(null, "publisher lost its connection: " + cause);
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                    window.release();
                }
            });
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMaxInflight(100);
            options.setKeepAliveInterval(60);
            publisher.connect(options).waitForCompletion(10_000);
            byte[] payload = new byte[16 * 1024];
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            for (int i = 0; i < count && problem.get() == null; i++) {
                assertTrue(window.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                        "the publisher's window stayed full after " + i + " messages");
                publisher.publish("flood/" + (i % 10), payload, 1, false);
            }
            assertTrue(window.tryAcquire(100, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS),
                    "the last publishes were not acknowledged");
            assertEquals(null, problem.get());
            publisher.disconnect().waitForCompletion(5_000);
            publisher.close();
        }

        assertTrue(process.isAlive(), "the emulator died");
        HttpClient client = HttpClient.newHttpClient();
        JsonNode stats = JSON.readTree(client.send(HttpRequest.newBuilder(http.resolve("/__emulator/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        assertTrue(stats.at("/dropped/SESSION_QUEUE_FULL").asLong() > 0, stats.toString());
        JsonNode journal = JSON.readTree(client.send(HttpRequest.newBuilder(http.resolve(
                "/__emulator/journal?limit=1000")).build(), HttpResponse.BodyHandlers.ofString()).body());
        boolean marked = false;
        for (JsonNode entry : journal.path("entries")) {
            marked |= "DROP".equals(entry.path("kind").asText()) && "never-reads".equals(entry.path("clientId")
                    .asText()) && "SESSION_QUEUE_FULL".equals(entry.path("detail").asText());
        }
        assertTrue(marked, "the journal marks the dropped messages");
        assertEquals(200, client.send(HttpRequest.newBuilder(http.resolve("/__emulator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        process.destroy();
        process.waitFor(15, TimeUnit.SECONDS);
        String log = Files.readString(stderr, StandardCharsets.UTF_8);
        assertFalse(log.contains("OutOfMemoryError"), log);
    }
}
