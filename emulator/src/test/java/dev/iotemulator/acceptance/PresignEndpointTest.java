package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET /__emulator/presign}: the "API Gateway + Lambda presigner" stand-in of browser apps. */
class PresignEndpointTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
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
    void the_presigned_url_it_returns_opens_an_mqtt_websocket() throws Exception {
        JsonNode body = JSON.readTree(get("/__emulator/presign?identity=browser-demo", null).body());
        String url = body.path("url").asText();
        assertTrue(url.startsWith(iot.endpoints().webSocketUri() + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"), url);
        assertTrue(url.contains("X-Amz-Expires=300"), url);
        assertEquals("browser-demo", body.path("identity").asText());
        long expiresAt = body.path("expiresAt").asLong();
        assertTrue(Math.abs(expiresAt - Instant.now().plusSeconds(300).getEpochSecond()) < 30, body.toString());
        try (PahoClients.Client paho = PahoClients.connect(url, "presigned-paho")) {
            paho.paho.subscribe("presign/+", 1);
            paho.paho.publish("presign/paho", "hi".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("presign/paho", paho.next().topic());
        }
    }

    @Test
    void the_answer_never_contains_the_secret_it_signed_with() throws Exception {
        String body = get("/__emulator/presign?identity=browser-demo", null).body();
        assertFalse(body.contains(iot.endpoints().defaultCredentials().secretAccessKey()), body);
    }

    @Test
    void with_one_presign_identity_configured_the_identity_parameter_may_be_left_out() throws Exception {
        HttpResponse<String> r = get("/__emulator/presign", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("browser-demo", JSON.readTree(r.body()).path("identity").asText());
    }

    @Test
    void an_unknown_identity_is_404_naming_the_configured_ones() throws Exception {
        HttpResponse<String> r = get("/__emulator/presign?identity=admin", null);
        assertEquals(404, r.statusCode());
        String message = JSON.readTree(r.body()).path("message").asText();
        assertTrue(message.contains("No presign identity 'admin'") && message.contains("[browser-demo]"), message);
    }

    @Test
    void an_allowed_origin_is_echoed_in_cors_headers_and_another_gets_none() throws Exception {
        HttpResponse<String> allowed = get("/__emulator/presign", "http://127.0.0.1:8000");
        assertEquals("http://127.0.0.1:8000", allowed.headers().firstValue("access-control-allow-origin").orElse(null));
        assertEquals("Origin", allowed.headers().firstValue("vary").orElse(null));
        HttpResponse<String> other = get("/__emulator/presign", "http://192.0.2.10:8000");
        assertTrue(other.headers().firstValue("access-control-allow-origin").isEmpty());
    }

    private static HttpResponse<String> get(String path, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(iot.endpoints().httpUri().resolve(path))
                .timeout(Duration.ofSeconds(10)).GET();
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
