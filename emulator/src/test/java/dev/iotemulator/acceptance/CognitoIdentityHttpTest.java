package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.Credentials;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Amazon Cognito Identity's awsJson 1.1 wire format as the emulator answers it ({@code POST /} with
 * {@code X-Amz-Target}), CORS for browser pages, and the issued credentials opening a WebSocket.
 */
class CognitoIdentityHttpTest {

    static final String POOL = "us-east-1:1c0a3b5e-0000-4000-8000-000000000001";
    static final String SHORT = "AWSCognitoIdentityService.";
    static final String LONG = "com.amazonaws.cognito.identity.model.AWSCognitoIdentityService.";
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
    void get_id_with_the_short_target_returns_an_identity_id_in_the_pools_region() throws Exception {
        HttpResponse<String> r = call(SHORT + "GetId", "{\"IdentityPoolId\":\"" + POOL + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("application/x-amz-json-1.1", r.headers().firstValue("content-type").orElse(null));
        assertTrue(JSON.readTree(r.body()).path("IdentityId").asText().matches("us-east-1:[0-9a-f-]{36}"), r.body());
    }

    @Test
    void get_credentials_with_the_long_target_returns_secret_key_session_token_and_epoch_seconds_expiration()
            throws Exception {
        String identityId = getId(LONG);
        HttpResponse<String> r = call(LONG + "GetCredentialsForIdentity",
                "{\"IdentityId\":\"" + identityId + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        assertEquals(identityId, body.path("IdentityId").asText());
        JsonNode c = body.path("Credentials");
        assertTrue(c.path("AccessKeyId").asText().startsWith("ASIA"), r.body());
        assertFalse(c.path("SecretKey").asText().isEmpty(), "the field is SecretKey, not SecretAccessKey");
        assertTrue(c.path("SecretAccessKey").isMissingNode(), r.body());
        assertFalse(c.path("SessionToken").asText().isEmpty(), r.body());
        assertTrue(c.path("Expiration").isNumber(), "Expiration is epoch seconds: " + r.body());
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        assertTrue(Math.abs(c.path("Expiration").asLong() - inAnHour) < 60, r.body());
    }

    @Test
    void issued_credentials_open_an_mqtt_websocket_and_a_message_round_trips() throws Exception {
        Credentials temporary = credentialsFor(getId(SHORT));
        String url = iot.endpoints().presignedWebSocketUri(temporary).toString();
        assertTrue(url.contains("X-Amz-Security-Token="), url);
        try (PahoClients.Client paho = PahoClients.connect(url, "cognito-paho")) {
            paho.paho.subscribe("demo/cognito/+", 1);
            paho.paho.publish("demo/cognito/paho", "hi".getBytes(StandardCharsets.UTF_8), 1, false);
            PahoClients.Received received = paho.next();
            assertEquals("demo/cognito/paho", received.topic());
        }
    }

    @Test
    void the_responses_never_carry_a_configured_long_term_secret() throws Exception {
        String secret = iot.endpoints().defaultCredentials().secretAccessKey();
        String identityId = getId(SHORT);
        HttpResponse<String> r = call(SHORT + "GetCredentialsForIdentity", "{\"IdentityId\":\"" + identityId + "\"}",
                null);
        assertFalse(r.body().contains(secret));
        assertFalse(r.body().contains(iot.endpoints().defaultCredentials().accessKeyId()));
    }

    @Test
    void an_unknown_pool_is_a_400_resource_not_found_exception_in_the_awsjson_envelope() throws Exception {
        HttpResponse<String> r = call(SHORT + "GetId", "{\"IdentityPoolId\":\"us-east-1:0000dead-beef\"}", null);
        assertEquals(400, r.statusCode());
        JsonNode body = JSON.readTree(r.body());
        assertEquals("ResourceNotFoundException", body.path("__type").asText());
        assertTrue(body.path("message").asText().startsWith("IdentityPool 'us-east-1:0000dead-beef' not found."));
        assertEquals("ResourceNotFoundException", r.headers().firstValue("x-amzn-ErrorType").orElse(null));
    }

    @Test
    void an_operation_that_is_not_emulated_is_an_unknown_operation_exception() throws Exception {
        HttpResponse<String> r = call(SHORT + "ListIdentityPools", "{\"MaxResults\":10}", null);
        assertEquals(400, r.statusCode());
        assertEquals("UnknownOperationException", JSON.readTree(r.body()).path("__type").asText());
    }

    @Test
    void a_body_that_is_not_json_is_a_serialization_exception() throws Exception {
        HttpResponse<String> r = call(SHORT + "GetId", "{not json", null);
        assertEquals(400, r.statusCode());
        assertEquals("SerializationException", JSON.readTree(r.body()).path("__type").asText());
    }

    @Test
    void a_preflight_from_a_loopback_page_is_allowed_with_the_headers_it_asked_for() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(iot.endpoints().httpUri().resolve("/"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://127.0.0.1:5173")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type,x-amz-target,x-amz-user-agent")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("http://127.0.0.1:5173", r.headers().firstValue("access-control-allow-origin").orElse(null));
        assertEquals("content-type,x-amz-target,x-amz-user-agent",
                r.headers().firstValue("access-control-allow-headers").orElse(null));
        assertEquals("POST, OPTIONS", r.headers().firstValue("access-control-allow-methods").orElse(null));
    }

    @Test
    void a_page_from_an_origin_not_in_browser_json_gets_no_cors_headers() throws Exception {
        HttpResponse<String> r = call(SHORT + "GetId", "{\"IdentityPoolId\":\"" + POOL + "\"}",
                "https://evil.example");
        assertNull(r.headers().firstValue("access-control-allow-origin").orElse(null));
        HttpResponse<String> allowed = call(SHORT + "GetId", "{\"IdentityPoolId\":\"" + POOL + "\"}",
                "http://localhost:3000");
        assertEquals("http://localhost:3000", allowed.headers().firstValue("access-control-allow-origin").orElse(null));
    }

    private static String getId(String prefix) throws Exception {
        HttpResponse<String> r = call(prefix + "GetId", "{\"IdentityPoolId\":\"" + POOL + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).path("IdentityId").asText();
    }

    private static Credentials credentialsFor(String identityId) throws Exception {
        HttpResponse<String> r = call(SHORT + "GetCredentialsForIdentity", "{\"IdentityId\":\"" + identityId + "\"}",
                null);
        JsonNode c = JSON.readTree(r.body()).path("Credentials");
        return new Credentials(c.path("AccessKeyId").asText(), c.path("SecretKey").asText(),
                c.path("SessionToken").asText());
    }

    static HttpResponse<String> call(String target, String body, String origin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(iot.endpoints().httpUri().resolve("/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", target)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            request.header("Origin", origin);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
