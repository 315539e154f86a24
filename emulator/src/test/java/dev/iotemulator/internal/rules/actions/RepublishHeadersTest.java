package dev.iotemulator.internal.rules.actions;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.internal.rules.TopicRule.ActionSpec;
import dev.iotemulator.internal.rules.sql.EvalContext;
import dev.iotemulator.internal.rules.sql.External;
import dev.iotemulator.internal.rules.sql.SqlVersion;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The republish action's MQTT 5 headers (AWS's MqttHeaders): templates rendered per message, typed as AWS types them. */
class RepublishHeadersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final AtomicReference<RepublishHeaders.Rendered> sent = new AtomicReference<>();

    private String republish(String headers, String payload) throws Exception {
        RuleActions actions = new RuleActions((topic, bytes, qos, h) -> {
            sent.set(h);
            return null;
        }, new AwsClients(Map.of(), "us-east-1", "AKIDEXAMPLE", "secret"), HttpClient.newHttpClient());
        RuleAction action = actions.create(new ActionSpec("republish", JSON.readTree("{\"topic\": \"out/${topic(2)}\""
                + (headers == null ? "" : ", \"headers\": " + headers) + "}")), SqlVersion.V2016_03_23);
        byte[] bytes = payload.getBytes(UTF_8);
        EvalContext context = new EvalContext("requests/d1", "device-1", "AKIAIOSFODNN7EXAMPLE", "123456789012",
                "trace-1", bytes, JSON.readTree(bytes), 0L, External.NONE, null);
        return action.run(new ActionInput("r", bytes, JSON.readTree(bytes), context, SqlVersion.V2016_03_23));
    }

    @Test
    void every_header_is_a_template_rendered_against_the_message() throws Exception {
        republish("{\"payloadFormatIndicator\": \"UTF8_DATA\", \"contentType\": \"application/json\", "
                + "\"responseTopic\": \"replies/${topic(2)}\", \"correlationData\": \"${encode(id, 'base64')}\", "
                + "\"messageExpiry\": \"${ttl}\", \"userProperties\": [{\"key\": \"device\", \"value\": "
                + "\"${topic(2)}\"}, {\"key\": \"source\", \"value\": \"rules\"}]}",
                "{\"id\": \"req-7\", \"ttl\": 30}");
        RepublishHeaders.Rendered h = sent.get();
        assertEquals(1, h.payloadFormatIndicator());
        assertEquals("application/json", h.contentType());
        assertEquals("replies/d1", h.responseTopic());
        assertArrayEquals("req-7".getBytes(UTF_8), h.correlationData());
        assertEquals(30L, h.messageExpirySeconds());
        assertEquals(List.of(Map.entry("device", "d1"), Map.entry("source", "rules")), h.userProperties());
    }

    @Test
    void a_rule_without_headers_sends_none_and_an_undefined_template_leaves_the_header_out() throws Exception {
        republish(null, "{}");
        assertNull(sent.get());
        republish("{\"contentType\": \"${kind}\", \"payloadFormatIndicator\": \"UNSPECIFIED_BYTES\"}", "{}");
        assertNull(sent.get().contentType());
        assertEquals(0, sent.get().payloadFormatIndicator());
    }

    @Test
    void a_value_aws_would_not_accept_fails_the_action_saying_which() {
        assertEquals("headers.payloadFormatIndicator is 'TEXT': it must be UTF8_DATA or UNSPECIFIED_BYTES",
                assertThrows(ActionFailure.class, () -> republish("{\"payloadFormatIndicator\": \"TEXT\"}", "{}"))
                        .getMessage());
        assertEquals("headers.correlationData must be base64-encoded, not 'not base64!'",
                assertThrows(ActionFailure.class, () -> republish("{\"correlationData\": \"not base64!\"}", "{}"))
                        .getMessage());
        assertEquals("headers.messageExpiry must be a whole number of seconds, not 'soon'",
                assertThrows(ActionFailure.class, () -> republish("{\"messageExpiry\": \"soon\"}", "{}"))
                        .getMessage());
    }
}
