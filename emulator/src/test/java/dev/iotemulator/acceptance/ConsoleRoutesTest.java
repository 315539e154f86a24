package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.testing.UrlSigner;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's server side over real HTTP: {@code /} leads to it, its event stream carries every publish with its
 * source, policy denials with the deciding statement and refusals with what the emulator signed, and the admin
 * routes it reads (shadows, retained messages, keys, policies, refusals, clients) answer as documented.
 */
class ConsoleRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @BeforeEach
    void reset() {
        iot.reset();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = send(method, path, body);
        assertEquals(status, response.statusCode(), method + " " + path + " -> " + response.body());
        return JSON.readTree(response.body());
    }

    @Test
    void the_root_redirects_to_the_console_keeping_the_query() throws Exception {
        HttpResponse<String> root = send("GET", "/?x=1", null);
        assertEquals(302, root.statusCode());
        assertEquals("/__emulator/console/?x=1", root.headers().firstValue("location").orElseThrow());
        HttpResponse<String> page = send("GET", "/__emulator/console/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script src=\"console.js\"></script>"), page.body());
    }

    @Test
    void the_event_stream_starts_with_the_backlog_then_carries_each_publish_with_its_source() throws Exception {
        iot.publish("console/before", "{\"n\":1}".getBytes(StandardCharsets.UTF_8), 1, false);
        try (EventStream events = EventStream.open()) {
            JsonNode backlog = events.next("message");
            assertEquals("console/before", backlog.path("topic").asText());
            assertEquals("admin", backlog.path("source").asText());
            assertEquals("{\"n\":1}", backlog.path("payload").asText());
            assertEquals(7, backlog.path("payloadSize").asInt());
            assertTrue(events.next("ready").path("journal").asBoolean());

            try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "console-device")) {
                assertEquals("CONNECT", events.next("client").path("kind").asText());
                device.paho.publish("console/live", new byte[] {(byte) 0xff, 0}, 1, false);
                JsonNode live = events.next("message");
                assertEquals("console/live", live.path("topic").asText());
                assertEquals("mqtt", live.path("source").asText());
                assertEquals("console-device", live.path("clientId").asText());
                assertEquals("base64", live.path("payloadEncoding").asText());
                assertEquals("/wA=", live.path("payload").asText());
            }
        }
    }

    @Test
    void the_event_stream_carries_policy_denials_with_the_deciding_statement_and_signature_refusals()
            throws Exception {
        try (EventStream events = EventStream.open()) {
            events.next("ready");
            String scoped = "ws://" + iot.endpoints().host() + ":" + iot.endpoints().httpPort() + "/mqtt?"
                    + UrlSigner.forHost(iot.endpoints().host() + ":" + iot.endpoints().httpPort())
                    .key("AKIAI44QH8DHBEXAMPLE", "scopedDeviceExampleSecretKeyEXAMPLEKEY1").query();
            try (PahoClients.Client device = PahoClients.connect(scoped, "device-7")) {
                try {
                    device.paho.subscribe("room/admin", 1);
                } catch (MqttException closed) {
                    // AWS IoT closes the connection on a denied SUBSCRIBE.
                }
            }
            JsonNode denial = events.next("denial");
            assertEquals("iot:Subscribe", denial.path("action").asText());
            assertTrue(denial.path("resource").asText().endsWith(":topicfilter/room/admin"));
            assertEquals("EXPLICIT_DENY", denial.path("decision").asText());
            assertEquals("NeverTheAdminRoom", denial.path("statement").path("sid").asText());
            assertEquals("device-7", denial.path("clientId").asText());

            String wrong = iot.endpoints().webSocketUri() + "?" + UrlSigner.forHost(iot.endpoints().host() + ":"
                    + iot.endpoints().httpPort()).key("AKIAIOSFODNN7EXAMPLE", "not-the-secret").query();
            assertEquals(403, send("GET", wrong.substring(wrong.indexOf("/mqtt")), null).statusCode());
            JsonNode refusal = events.next("refusal");
            assertEquals("SIGV4", refusal.path("kind").asText());
            assertEquals("SIGNATURE_MISMATCH", refusal.path("reason").asText());
            assertEquals("AKIAIOSFODNN7EXAMPLE", refusal.path("principal").asText());
            assertTrue(refusal.path("details").path("canonicalRequest").asText().startsWith("GET\n/mqtt\n"));
            assertFalse(refusal.toString().contains("not-the-secret"));

            JsonNode listed = json("GET", "/__emulator/refusals", null, 200);
            assertTrue(listed.path("count").asLong() >= 1);
            assertEquals("SIGNATURE_MISMATCH", listed.path("recent").get(listed.path("recent").size() - 1)
                    .path("reason").asText());
        }
    }

    @Test
    void refused_connects_and_protocol_errors_are_kept_with_the_client_and_the_reason() throws Exception {
        String tcp = iot.endpoints().mqttUri().orElseThrow().toString();
        MqttConnectOptions wrongSecret = new MqttConnectOptions();
        wrongSecret.setUserName("AKIAIOSFODNN7EXAMPLE");
        wrongSecret.setPassword("not-the-secret".toCharArray());
        MqttClient refused = new MqttClient(tcp, "tcp-wrong-secret", new MemoryPersistence());
        assertThrows(MqttException.class, () -> refused.connect(wrongSecret));
        refused.close();
        try (PahoClients.Client device = PahoClients.connect(tcp, "tcp-qos2")) {
            assertThrows(MqttException.class, () -> device.paho.publish("console/qos2", new byte[] {1}, 2, false));
        }

        JsonNode recent = json("GET", "/__emulator/refusals", null, 200).path("recent");
        List<String> seen = new ArrayList<>();
        recent.forEach(r -> seen.add(r.path("kind").asText() + " " + r.path("reason").asText() + " "
                + r.path("clientId").asText()));
        assertTrue(seen.contains("CONNECT BAD_PASSWORD tcp-wrong-secret"), seen.toString());
        assertTrue(seen.contains("PROTOCOL CLIENT_ERROR tcp-qos2"), seen.toString());
        assertFalse(recent.toString().contains("not-the-secret"), recent.toString());
    }

    @Test
    void a_failed_tls_handshake_is_kept_with_the_hint() throws Exception {
        try (IotEmulator tls = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                Socket plain = new Socket("127.0.0.1", tls.endpoints().mqttsPort())) {
            plain.getOutputStream().write("not TLS at all\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            plain.setSoTimeout(10_000);
            assertEquals(-1, plain.getInputStream().read(), "the emulator closes the connection");
            HttpResponse<String> listed = HTTP.send(HttpRequest.newBuilder(URI.create(tls.endpoints().httpUri()
                    + "/__emulator/refusals")).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode refusal = JSON.readTree(listed.body()).path("recent").get(0);
            assertEquals("TLS", refusal.path("kind").asText(), listed.body());
            assertEquals("HANDSHAKE_FAILED", refusal.path("reason").asText(), listed.body());
            assertTrue(refusal.path("message").asText().contains("did not speak TLS"), listed.body());
        }
    }

    @Test
    void the_shadow_routes_list_read_update_with_a_version_check_and_delete() throws Exception {
        JsonNode created = json("POST", "/__emulator/shadows/lamp", "{\"state\":{\"desired\":{\"on\":true}}}", 200);
        assertEquals(1, created.path("version").asInt());
        json("POST", "/__emulator/shadows/lamp?name=config", "{\"state\":{\"reported\":{\"v\":2}}}", 200);

        JsonNode list = json("GET", "/__emulator/shadows", null, 200);
        assertEquals(2, list.path("count").asInt());
        assertTrue(list.path("shadows").get(0).path("shadowName").isNull(), list.toString());
        assertEquals("config", list.path("shadows").get(1).path("shadowName").asText());
        assertEquals(true, json("GET", "/__emulator/shadows/lamp", null, 200).at("/state/desired/on").asBoolean());

        JsonNode conflict = json("POST", "/__emulator/shadows/lamp", "{\"state\":{\"desired\":{\"on\":false}},"
                + "\"version\":7}", 409);
        assertEquals("Version conflict", conflict.path("message").asText());
        json("DELETE", "/__emulator/shadows/lamp?name=config", null, 200);
        assertEquals(404, send("GET", "/__emulator/shadows/lamp?name=config", null).statusCode());
        assertEquals(400, send("GET", "/__emulator/shadows/bad%20name", null).statusCode());
    }

    @Test
    void the_retained_route_lists_every_retained_message_with_its_payload() throws Exception {
        assertEquals(200, send("POST", "/__emulator/publish?topic=rooms/a&qos=1&retain=true", "warm").statusCode());
        JsonNode listed = json("GET", "/__emulator/retained", null, 200);
        assertEquals(1, listed.path("count").asInt());
        JsonNode first = listed.path("retained").get(0);
        assertEquals("rooms/a", first.path("topic").asText());
        assertEquals("warm", first.path("payload").asText());
        assertEquals(1, first.path("qos").asInt());
        assertNotNull(first.path("lastModified").textValue());
    }

    @Test
    void keys_are_listed_with_their_policies_and_never_a_secret_and_policies_with_their_documents()
            throws Exception {
        HttpResponse<String> identities = send("GET", "/__emulator/identities", null);
        assertEquals(200, identities.statusCode());
        assertFalse(identities.body().contains("wJalrXUtnFEMI"), identities.body());
        assertFalse(identities.body().contains("IQoJb3JpZ2luX2VjEXAMPLE"), identities.body());
        JsonNode keys = JSON.readTree(identities.body()).path("identities");
        assertEquals(3, keys.size());
        assertTrue(keys.get(0).path("default").asBoolean());
        assertEquals("ScopedDevicePolicy", keys.get(2).path("policies").get(0).asText());
        assertTrue(keys.get(1).path("temporary").asBoolean());

        JsonNode policies = json("GET", "/__emulator/policies", null, 200).path("policies");
        List<String> names = new ArrayList<>();
        policies.forEach(p -> names.add(p.path("name").asText()));
        assertTrue(names.containsAll(List.of("AllowEverything", "ScopedDevicePolicy", "CognitoUnauthenticatedRole")),
                names.toString());
        JsonNode scoped = policies.get(names.indexOf("ScopedDevicePolicy"));
        assertEquals("NeverTheAdminRoom", scoped.at("/document/Statement/3/Sid").asText());
    }

    @Test
    void the_console_presigns_for_any_configured_key_and_tells_no_other_origin() throws Exception {
        HttpResponse<String> presigned = send("GET", "/__emulator/console/presign?accessKeyId=AKIAI44QH8DHBEXAMPLE",
                null);
        assertEquals(200, presigned.statusCode());
        assertTrue(presigned.headers().firstValue("access-control-allow-origin").isEmpty());
        JsonNode body = JSON.readTree(presigned.body());
        assertTrue(body.path("url").asText().startsWith("ws://127.0.0.1:" + iot.endpoints().httpPort()
                + "/mqtt?X-Amz-Algorithm="), body.toString());
        assertFalse(presigned.body().contains("scopedDeviceExampleSecretKey"));
        assertEquals(404, send("GET", "/__emulator/console/presign?accessKeyId=AKIANOTCONFIGURED", null)
                .statusCode());
    }

    @Test
    void the_clients_route_shows_protocol_keep_alive_and_since_when() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "described")) {
            JsonNode client = json("GET", "/__emulator/clients", null, 200).path("clients").get(0);
            assertEquals("described", client.path("clientId").asText());
            assertEquals(4, client.path("protocolVersion").asInt());
            assertEquals(60, client.path("keepAliveSeconds").asInt());
            assertEquals(60, client.path("keepAliveEffectiveSeconds").asInt());
            assertTrue(client.path("connectedAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), client.toString());
            assertEquals(0, client.path("queued").asInt());
        }
    }

    /** {@code GET /__emulator/console/events} read as a browser's EventSource reads it. */
    private static final class EventStream implements AutoCloseable {
        private final InputStream body;
        private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

        private EventStream(InputStream body) {
            this.body = body;
            Thread reader = new Thread(this::read, "console-events-reader");
            reader.setDaemon(true);
            reader.start();
        }

        static EventStream open() throws Exception {
            HttpResponse<InputStream> response = HTTP.send(HttpRequest.newBuilder(URI.create(
                    iot.endpoints().httpUri() + "/__emulator/console/events")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode());
            assertEquals("text/event-stream; charset=utf-8",
                    response.headers().firstValue("content-type").orElseThrow());
            return new EventStream(response.body());
        }

        private void read() {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                String event = null;
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ") && event != null) {
                        JsonNode data = JSON.readTree(line.substring(6));
                        events.add(JSON.createObjectNode().put("event", event).set("data", data));
                    }
                }
            } catch (Exception closed) {
                // The test closed the stream.
            }
        }

        /** The next event called {@code name}, skipping others; fails after 10 s saying what did arrive. */
        JsonNode next(String name) throws InterruptedException {
            List<String> skipped = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                JsonNode event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (event != null && event.path("event").asText().equals(name)) {
                    return event.path("data");
                }
                if (event != null) {
                    skipped.add(event.toString());
                }
            }
            throw new AssertionError("no '" + name + "' event within 10 s; arrived instead: " + skipped);
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }
}
