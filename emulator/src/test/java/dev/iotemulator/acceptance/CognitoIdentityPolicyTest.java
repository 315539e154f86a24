package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.Credentials;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Cognito identities of the default demo pool are limited by its unauthenticated role
 * ({@code config/policies/CognitoUnauthenticatedRole.json}): each may read only its own
 * {@code private/<identity id>/...} topics, through {@code ${cognito-identity.amazonaws.com:sub}}.
 */
class CognitoIdentityPolicyTest {

    static final String POOL = "us-east-1:1c0a3b5e-0000-4000-8000-000000000001";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
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
    void an_identity_cannot_receive_another_identitys_private_topic() throws Exception {
        Identity alice = Identity.issue();
        Identity bob = Identity.issue();
        try (PahoClients.Client a = alice.connect("alice"); PahoClients.Client b = bob.connect("bob")) {
            b.paho.subscribe("private/" + bob.id + "/inbox", 1);
            a.paho.publish("private/" + bob.id + "/inbox", "hi bob".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("hi bob", new String(b.next().message().getPayload(), StandardCharsets.UTF_8),
                    "anyone may send to bob's inbox; bob may read it");

            try {
                a.paho.subscribe("private/" + bob.id + "/inbox", 1);
            } catch (MqttException expected) {
                // AWS closes a connection whose SUBSCRIBE is denied.
            }
            Await.until(() -> !a.paho.isConnected(), Duration.ofSeconds(10),
                    () -> "alice subscribed to bob's inbox and stayed connected");
        }
    }

    @Test
    void identities_share_the_demo_rooms() throws Exception {
        Identity alice = Identity.issue();
        Identity bob = Identity.issue();
        try (PahoClients.Client a = alice.connect("alice-room"); PahoClients.Client b = bob.connect("bob-room")) {
            b.paho.subscribe("demo/chat", 1);
            a.paho.publish("demo/chat", "hello room".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("hello room", new String(b.next().message().getPayload(), StandardCharsets.UTF_8));
            assertTrue(a.paho.isConnected());
        }
    }

    @Test
    void the_explain_route_names_the_identity_scoped_statement() throws Exception {
        Identity alice = Identity.issue();
        String resource = "arn:aws:iot:us-east-1:000000000000:topicfilter/private/" + alice.id + "/inbox";
        JsonNode own = explain(alice.credentials.accessKeyId(), "iot:Subscribe", resource);
        assertTrue(own.path("allowed").asBoolean(), own.toString());
        assertEquals("ReadOnlyYourOwnInbox", own.path("statement").path("sid").asText(), own.toString());
        Identity bob = Identity.issue();
        JsonNode other = explain(bob.credentials.accessKeyId(), "iot:Subscribe", resource);
        assertEquals("IMPLICIT_DENY", other.path("decision").asText(), other.toString());
    }

    private static JsonNode explain(String accessKeyId, String action, String resource) throws Exception {
        String body = JSON.createObjectNode().put("accessKeyId", accessKeyId).put("clientId", "c")
                .put("action", action).put("resource", resource).toString();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(iot.endpoints().httpUri()
                        .resolve("/__emulator/policies/test")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** A Cognito identity of the demo pool with its temporary credentials, obtained as a browser obtains them. */
    record Identity(String id, Credentials credentials) {

        static Identity issue() throws Exception {
            String id = JSON.readTree(call("GetId", "{\"IdentityPoolId\":\"" + POOL + "\"}")).path("IdentityId")
                    .asText();
            JsonNode c = JSON.readTree(call("GetCredentialsForIdentity", "{\"IdentityId\":\"" + id + "\"}"))
                    .path("Credentials");
            return new Identity(id, new Credentials(c.path("AccessKeyId").asText(), c.path("SecretKey").asText(),
                    c.path("SessionToken").asText()));
        }

        PahoClients.Client connect(String clientId) throws MqttException {
            return PahoClients.connect(iot.endpoints().presignedWebSocketUri(credentials).toString(), clientId);
        }

        private static String call(String operation, String body) throws Exception {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(iot.endpoints().httpUri().resolve("/"))
                    .header("Content-Type", "application/x-amz-json-1.1")
                    .header("X-Amz-Target", "AWSCognitoIdentityService." + operation)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            return r.body();
        }
    }
}
