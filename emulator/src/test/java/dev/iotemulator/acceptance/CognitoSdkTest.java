package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real AWS SDK for JavaScript v3 ({@code @aws-sdk/client-cognito-identity}) against the emulator: GetId and
 * GetCredentialsForIdentity, then an MQTT WebSocket opened with those credentials ({@code cognito-sdk.mjs}).
 */
class CognitoSdkTest {

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
    void the_aws_sdk_gets_credentials_for_an_unauthenticated_identity_that_then_open_an_mqtt_websocket()
            throws Exception {
        MqttJsTest.NodeRun.Result result = MqttJsTest.NodeRun.startScript("cognito-sdk.mjs", Map.of(),
                "--endpoint=" + iot.endpoints().host() + ":" + iot.endpoints().httpPort(),
                "--pool=" + CognitoIdentityHttpTest.POOL, "--region=" + iot.endpoints().region()).finish();

        result.assertExitCode(0);
        String identityId = result.single("identity").path("identityId").asText();
        assertTrue(identityId.matches("us-east-1:[0-9a-f-]{36}"), result.explain());
        JsonNode credentials = result.single("credentials");
        assertEquals(identityId, credentials.path("identityId").asText(), result.explain());
        assertTrue(credentials.path("accessKeyId").asText().startsWith("ASIA"), result.explain());
        assertTrue(credentials.path("hasSecretKey").asBoolean(), "the SDK read SecretKey\n" + result.explain());
        assertTrue(credentials.path("hasSessionToken").asBoolean(), result.explain());
        assertTrue(credentials.path("expirationIsDate").asBoolean(), "the SDK parsed Expiration\n" + result.explain());
        Instant expiration = Instant.parse(credentials.path("expiration").asText());
        assertTrue(Duration.between(Instant.now(), expiration).abs().minus(Duration.ofHours(1)).abs()
                .compareTo(Duration.ofMinutes(1)) < 0, "expires in about an hour\n" + result.explain());
        assertEquals("hello from the Cognito identity", result.single("received").path("payload").asText(),
                result.explain());
        result.single("done");
    }
}
