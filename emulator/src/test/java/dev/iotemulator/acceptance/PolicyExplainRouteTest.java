package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /__emulator/policies/test} answers "would this be allowed?" like AWS TestAuthorization, here against the
 * default configuration, so the examples in docs/policies.md are checked too.
 */
class PolicyExplainRouteTest {

    static final String DEFAULT_KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SCOPED_KEY = "AKIAI44QH8DHBEXAMPLE";
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
    void names_the_statement_that_allowed() throws Exception {
        JsonNode answer = test(SCOPED_KEY, "device-1", "iot:Publish", "topic/clients/device-1/status");

        assertTrue(answer.get("allowed").asBoolean());
        assertEquals("ALLOWED", answer.get("decision").asText());
        assertEquals("ScopedDevicePolicy", answer.get("statement").get("policy").asText());
        assertEquals(1, answer.get("statement").get("index").asInt());
        assertEquals("PublishAndReceiveOwnTopicsAndTheRoom", answer.get("statement").get("sid").asText());
        assertEquals("arn:aws:iot:us-east-1:" + iot.endpoints().accountId() + ":topic/clients/device-1/status",
                answer.get("resource").asText());
    }

    @Test
    void names_the_statement_that_explicitly_denied() throws Exception {
        JsonNode answer = test(SCOPED_KEY, "device-1", "iot:Publish", "topic/room/admin");

        assertFalse(answer.get("allowed").asBoolean());
        assertEquals("EXPLICIT_DENY", answer.get("decision").asText());
        assertEquals("NeverTheAdminRoom", answer.get("statement").get("sid").asText());
    }

    @Test
    void says_no_statement_allowed_for_an_implicit_deny() throws Exception {
        JsonNode answer = test(SCOPED_KEY, "device-1", "iot:Subscribe", "topicfilter/clients/+/status");

        assertFalse(answer.get("allowed").asBoolean());
        assertEquals("IMPLICIT_DENY", answer.get("decision").asText());
        assertTrue(answer.get("statement").isNull());
        assertTrue(answer.get("reason").asText().contains("no statement allows"), answer.toString());
    }

    @Test
    void answers_a_get_with_query_parameters_too() throws Exception {
        JsonNode answer = PolicyFixtures.get(iot, "/__emulator/policies/test?accessKeyId=" + SCOPED_KEY
                + "&clientId=sensor-1&action=iot:Connect&resource=client/sensor-1");

        assertEquals("IMPLICIT_DENY", answer.get("decision").asText());
    }

    @Test
    void the_default_key_may_do_everything() throws Exception {
        JsonNode answer = test(DEFAULT_KEY, "anything", "iot:Subscribe", "topicfilter/#");

        assertEquals("ALLOWED", answer.get("decision").asText());
        assertEquals("AllowEverything", answer.get("statement").get("policy").asText());
    }

    @Test
    void an_unknown_access_key_is_a_404_naming_the_configured_ones() throws Exception {
        HttpResponse<String> response = PolicyFixtures.post(iot, "/__emulator/policies/test",
                "{\"accessKeyId\":\"AKIDUNKNOWN\",\"action\":\"iot:Connect\",\"resource\":\"client/x\"}");

        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains(DEFAULT_KEY), response.body());
    }

    @Test
    void a_request_without_action_is_a_400_with_an_example() throws Exception {
        HttpResponse<String> response = PolicyFixtures.post(iot, "/__emulator/policies/test", "{}");

        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("iot:Publish"), response.body());
    }

    private static JsonNode test(String accessKeyId, String clientId, String action, String resource)
            throws Exception {
        HttpResponse<String> response = PolicyFixtures.post(iot, "/__emulator/policies/test", "{\"accessKeyId\":\""
                + accessKeyId + "\",\"clientId\":\"" + clientId + "\",\"action\":\"" + action + "\",\"resource\":\""
                + resource + "\"}");
        assertEquals(200, response.statusCode(), response.body());
        return PolicyFixtures.JSON.readTree(response.body());
    }
}
