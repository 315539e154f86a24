package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.DeviceCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What AWS IoT keeps durably survives {@code kill -9} of the runnable jar and a restart on the same data directory:
 * classic and named shadows, retained messages, a persistent session with the QoS 1 messages queued while its client
 * was away, and the REVOKED status of a certificate registered in certificates.json.
 */
class DurabilityIT {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration WAIT = Duration.ofSeconds(15);

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void acknowledged_state_survives_kill_9_and_a_restart() throws Exception {
        Path data = Files.createTempDirectory("iot-emulator-durable");
        Path config = Files.createTempDirectory("iot-emulator-config");
        DeviceCertificate device = TlsMaterial.selfSigned("CN=durable-device");
        Files.writeString(config.resolve("certificates.json"), JSON.createObjectNode().set("certificates",
                JSON.createArrayNode().add(JSON.createObjectNode().put("name", "durable-device")
                        .put("certificatePem", device.certificatePem()))).toString());
        copyDefaultCredentials(config);

        Process first = start(data, config);
        List<String> banner = EmulatorJar.readBanner(first);
        String tcp = EmulatorJar.endpoint(banner, "MQTT over TCP", "tcp://");
        URI http = URI.create(EmulatorJar.endpoint(banner, "HTTP ", "http://"));

        MqttClient away = new MqttClient(tcp, "durable-subscriber", new MemoryPersistence());
        away.connect(options(false));
        away.subscribe("queue/#", 1);
        away.disconnect();
        away.close();

        MqttClient device1 = new MqttClient(tcp, "durable-device", new MemoryPersistence());
        device1.connect(options(true));
        BlockingQueue<String> accepted = new LinkedBlockingQueue<>();
        device1.subscribe("$aws/things/durable-thing/shadow/#", 1, (t, m) -> {
            if (t.endsWith("/update/accepted")) {
                accepted.add(t);
            }
        });
        device1.publish("$aws/things/durable-thing/shadow/update",
                utf8("{\"state\":{\"reported\":{\"temperature\":21}}}"), 1, false);
        device1.publish("$aws/things/durable-thing/shadow/name/config/update",
                utf8("{\"state\":{\"desired\":{\"interval\":60}}}"), 1, false);
        assertTrue(accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS) != null, "first shadow update accepted");
        assertTrue(accepted.poll(WAIT.toSeconds(), TimeUnit.SECONDS) != null, "second shadow update accepted");
        device1.publish("status/durable-thing", utf8("online"), 1, true);
        for (int i = 0; i < 5; i++) {
            device1.publish("queue/jobs", utf8("job-" + i), 1, false); // waits for the PUBACK
        }
        HttpResponse<String> revoked = HTTP.send(HttpRequest.newBuilder(http.resolve("/__emulator/certificates/"
                + certificateId(http))).PUT(HttpRequest.BodyPublishers.ofString("{\"status\":\"REVOKED\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, revoked.statusCode(), revoked.body());

        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs

        Process second = start(data, config);
        banner = EmulatorJar.readBanner(second);
        tcp = EmulatorJar.endpoint(banner, "MQTT over TCP", "tcp://");
        http = URI.create(EmulatorJar.endpoint(banner, "HTTP ", "http://"));

        MqttClient back = new MqttClient(tcp, "durable-subscriber", new MemoryPersistence());
        BlockingQueue<String> queued = new LinkedBlockingQueue<>();
        back.setCallback(new Collecting(queued));
        IMqttToken connected = back.connectWithResult(options(false));
        assertTrue(connected.getSessionPresent(), "the persistent session came back");
        for (int i = 0; i < 5; i++) {
            assertEquals("job-" + i, queued.poll(WAIT.toSeconds(), TimeUnit.SECONDS), "queued message " + i);
        }
        back.disconnect();
        back.close();

        MqttClient device2 = new MqttClient(tcp, "durable-reader", new MemoryPersistence());
        device2.connect(options(true));
        BlockingQueue<String> documents = new LinkedBlockingQueue<>();
        device2.subscribe("$aws/things/durable-thing/shadow/get/accepted", 1,
                (t, m) -> documents.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        device2.subscribe("$aws/things/durable-thing/shadow/name/config/get/accepted", 1,
                (t, m) -> documents.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        device2.subscribe("status/durable-thing", 1,
                (t, m) -> documents.add("retained:" + new String(m.getPayload(), StandardCharsets.UTF_8)));
        assertEquals("retained:online", documents.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        device2.publish("$aws/things/durable-thing/shadow/get", utf8("{}"), 1, false);
        JsonNode classic = JSON.readTree(documents.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(21, classic.at("/state/reported/temperature").asInt(), classic.toString());
        assertEquals(1, classic.get("version").asInt(), classic.toString());
        device2.publish("$aws/things/durable-thing/shadow/name/config/get", utf8("{}"), 1, false);
        JsonNode named = JSON.readTree(documents.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(60, named.at("/state/desired/interval").asInt(), named.toString());
        device2.disconnect();
        device2.close();

        JsonNode certificates = JSON.readTree(HTTP.send(HttpRequest.newBuilder(http.resolve(
                "/__emulator/certificates")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertEquals("REVOKED", certificates.at("/certificates/0/status").asText(), certificates.toString());
    }

    private Process start(Path data, Path config) throws Exception {
        Process p = new ProcessBuilder(EmulatorJar.javaBinary(), "-jar", EmulatorJar.path().toString(),
                "--http-port", "0", "--mqtt-port", "0", "--https-port", "0", "--mqtts-port", "0",
                "--data-dir", data.toString(), "--config-dir", config.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        processes.add(p);
        return p;
    }

    private static String certificateId(URI http) throws Exception {
        JsonNode list = JSON.readTree(HTTP.send(HttpRequest.newBuilder(http.resolve("/__emulator/certificates"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        return list.at("/certificates/0/certificateId").asText();
    }

    private static void copyDefaultCredentials(Path config) throws Exception {
        Path source = Path.of("..", "config");
        Files.copy(source.resolve("credentials.json"), config.resolve("credentials.json"));
        Files.copy(source.resolve("browser.json"), config.resolve("browser.json"));
        Path policies = Files.createDirectories(config.resolve("policies"));
        try (var files = Files.list(source.resolve("policies"))) {
            for (Path p : files.toList()) {
                Files.copy(p, policies.resolve(p.getFileName()));
            }
        }
    }

    private static MqttConnectOptions options(boolean clean) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(clean);
        options.setConnectionTimeout(10);
        options.setMaxInflight(PahoClients.PAHO_SAFE_MAX_INFLIGHT);
        return options;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Collects every message's payload as text. */
    private record Collecting(BlockingQueue<String> into) implements org.eclipse.paho.client.mqttv3.MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            into.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
        }
    }
}
