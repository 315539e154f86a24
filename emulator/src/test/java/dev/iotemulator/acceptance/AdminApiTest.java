package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin routes under /__emulator/, called with the JDK HttpClient while real Paho clients are connected. */
class AdminApiTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();
    static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @BeforeEach
    void reset() {
        iot.reset();
    }

    static HttpResponse<String> call(String method, String pathAndQuery, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + pathAndQuery))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(Duration.ofSeconds(15)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void post_reset_empties_the_journal() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "before-reset")) {
            device.paho.publish("r/1", utf8("x"), 1, false);
            iot.awaitMessage("r/1", Duration.ofSeconds(10));
            ok(call("POST", "/__emulator/reset", null));
            assertEquals(0, ok(call("GET", "/__emulator/journal", null)).get("count").asInt());
            Await.until(() -> !device.paho.isConnected(), Duration.ofSeconds(10), () -> "still connected");
        }
    }

    @Test
    void get_journal_filters_by_topic_limits_and_encodes_binary_payloads_as_base64() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "journal-writer")) {
            device.paho.publish("j/text", utf8("héllo"), 1, false);
            device.paho.publish("j/binary", new byte[] {(byte) 0xff, 0, 1}, 1, false);
            device.paho.publish("other/x", utf8("no"), 0, false);
            iot.awaitMessage("other/x", Duration.ofSeconds(10));
            JsonNode all = ok(call("GET", "/__emulator/journal?topic=" + URLEncoder.encode("j/#",
                    StandardCharsets.UTF_8), null));
            assertEquals(2, all.get("count").asInt(), all.toString());
            JsonNode text = all.get("entries").get(0);
            assertEquals("PUBLISH", text.get("kind").asText());
            assertEquals("j/text", text.get("topic").asText());
            assertEquals("héllo", text.get("payload").asText());
            assertEquals("utf-8", text.get("payloadEncoding").asText());
            assertEquals("journal-writer", text.get("clientId").asText());
            assertEquals(iot.endpoints().defaultCredentials().accessKeyId(), text.get("principal").asText());
            JsonNode binary = all.get("entries").get(1);
            assertEquals("/wAB", binary.get("payload").asText());
            assertEquals("base64", binary.get("payloadEncoding").asText());
            JsonNode last = ok(call("GET", "/__emulator/journal?limit=1", null));
            assertEquals("other/x", last.get("entries").get(0).get("topic").asText(), last.toString());
        }
    }

    @Test
    void get_clients_lists_each_connected_client_with_its_subscriptions() throws Exception {
        try (PahoClients.Client ws = PahoClients.overWebSocket(iot.endpoints(), "listed-ws");
                PahoClients.Client tcp = PahoClients.connect(iot.endpoints().mqttUri().orElseThrow().toString(),
                        "listed-tcp")) {
            ws.paho.subscribe("cmd/listed-ws", 1);
            JsonNode clients = ok(call("GET", "/__emulator/clients", null));
            assertEquals(2, clients.get("count").asInt(), clients.toString());
            JsonNode wsClient = find(clients, "listed-ws");
            assertEquals(iot.endpoints().defaultCredentials().accessKeyId(), wsClient.get("principal").asText());
            assertEquals("cmd/listed-ws", wsClient.get("subscriptions").get(0).asText());
            assertTrue(wsClient.get("remoteAddress").asText().contains("127.0.0.1"), wsClient.toString());
            JsonNode tcpClient = find(clients, "listed-tcp");
            assertTrue(tcpClient.get("transport").asText().contains("tcp"), tcpClient.toString());
            assertEquals(0, tcpClient.get("subscriptions").size());
        }
    }

    private static JsonNode find(JsonNode clients, String clientId) {
        for (JsonNode client : clients.get("clients")) {
            if (client.get("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no " + clientId + " in " + clients);
    }

    @Test
    void disconnecting_a_client_with_a_reason_puts_that_reason_in_its_lifecycle_event() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "observer");
                PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "to-be-throttled")) {
            JsonNode answer = ok(call("POST", "/__emulator/clients/to-be-throttled/disconnect?reason=THROTTLED",
                    null));
            assertEquals("THROTTLED", answer.get("disconnectReason").asText());
            LifecycleObserver.Event event = observer.await("$aws/events/presence/disconnected/to-be-throttled");
            assertEquals("THROTTLED", event.body().get("disconnectReason").asText());
            Await.until(() -> !device.paho.isConnected(), Duration.ofSeconds(10), () -> "still connected");
        }
    }

    @Test
    void disconnecting_without_a_reason_uses_api_initiated_disconnect_and_unknown_clients_are_404() throws Exception {
        try (LifecycleObserver observer = new LifecycleObserver(iot.endpoints(), "observer-2");
                PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "api-victim")) {
            ok(call("POST", "/__emulator/clients/api-victim/disconnect", null));
            LifecycleObserver.Event event = observer.await("$aws/events/presence/disconnected/api-victim");
            assertEquals("API_INITIATED_DISCONNECT", event.body().get("disconnectReason").asText());
        }
        assertEquals(404, call("POST", "/__emulator/clients/nobody/disconnect", null).statusCode());
        HttpResponse<String> bad = call("POST", "/__emulator/clients/x/disconnect?reason=BORED", null);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("THROTTLED"), bad.body());
    }

    @Test
    void publishing_as_the_server_reaches_a_paho_subscriber() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "commanded")) {
            device.paho.subscribe("devices/commanded/commands", 1);
            JsonNode answer = ok(call("POST", "/__emulator/publish?topic=devices/commanded/commands&qos=1",
                    utf8("{\"reboot\":true}")));
            assertEquals(15, answer.get("bytes").asInt());
            PahoClients.Received received = device.next();
            assertEquals("devices/commanded/commands", received.topic());
            assertEquals("{\"reboot\":true}", new String(received.message().getPayload(), StandardCharsets.UTF_8));
            assertEquals(null, iot.awaitMessage("devices/commanded/commands", Duration.ofSeconds(5)).clientId());
        }
        assertEquals(400, call("POST", "/__emulator/publish?topic=a/%2B", utf8("x")).statusCode());
        assertEquals(400, call("POST", "/__emulator/publish?topic=a&qos=2", utf8("x")).statusCode());
    }
}
