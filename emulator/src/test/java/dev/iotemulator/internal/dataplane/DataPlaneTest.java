package dev.iotemulator.internal.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.pipeline.ReservedTopicServices;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.refusals.RefusalLog;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.shadow.Shadows;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data-plane route table without a network: signed calls in, AWS-shaped answers out. */
class DataPlaneTest {

    final Clock clock = SignedCalls.CLOCK;
    final RetainedStore retained = new RetainedStore();
    final List<String> published = new ArrayList<>();
    final PublishPipeline pipeline = new PublishPipeline(MqttLimits.aws(), new Journal(100, clock),
            new ReservedTopicServices(), retained, (topic, payload, qos, extras) -> published.add(topic + " qos=" + qos),
            clock);
    final ShadowService shadows = new ShadowService(new Shadows(clock),
            (topic, payload) -> pipeline.publishAsService(topic, payload, 1));
    final RefusalLog refusals = new RefusalLog(clock);
    final DataPlane dataPlane = new DataPlane(new DataPlaneServices(shadows, retained, pipeline,
            (p, a, r, ip) -> Optional.empty(), new Arns("us-east-1", "123456789012")),
            SignedCalls.verifier(), refusals);
    String secret = SignedCalls.SECRET;

    HttpAnswer call(String method, String rawPath, String rawQuery, String body) {
        return dataPlane.handle(SignedCalls.call(method, rawPath, rawQuery, body, "iotdata", secret)).orElseThrow();
    }

    @Test
    void serves_only_the_aws_paths_and_methods() {
        assertTrue(serves("POST", "/topics/a%2Fb"));
        assertTrue(serves("DELETE", "/things/t/shadow"));
        assertFalse(serves("POST", "/"));
        assertFalse(serves("PUT", "/things/t/shadow"));
        assertFalse(serves("GET", "/things/t/shadow/extra"));
    }

    private boolean serves(String method, String rawPath) {
        return dataPlane.operations().stream()
                .anyMatch(op -> op.method().equals(method) && op.path().matcher(rawPath).matches());
    }

    @Test
    void publish_decodes_the_topic_and_refuses_qos_2_and_wildcards() {
        assertEquals(200, call("POST", "/topics/a%2Fb%20c", "qos=1", "x").status());
        assertEquals(List.of("a/b c qos=1"), published);
        HttpAnswer qos2 = call("POST", "/topics/a", "qos=2", "x");
        assertEquals(400, qos2.status());
        assertEquals("InvalidRequestException", qos2.errorType());
        assertEquals(400, call("POST", "/topics/a%2F%23", "", "x").status());
    }

    @Test
    void a_retained_publish_with_an_empty_body_deletes_the_retained_message() {
        call("POST", "/topics/r", "retain=true&qos=1", "kept");
        assertEquals("a2VwdA==", call("GET", "/retainedMessage/r", "", "").body().get("payload").asText());
        call("POST", "/topics/r", "retain=true", "");
        assertEquals(404, call("GET", "/retainedMessage/r", "", "").status());
    }

    @Test
    void list_retained_messages_pages_with_next_token_and_refuses_foreign_tokens() {
        for (String t : List.of("a", "b", "c")) {
            retained.retain(t, new byte[] {1}, 0, 5);
        }
        HttpAnswer first = call("GET", "/retainedMessage", "maxResults=2", "");
        assertEquals(2, first.body().get("retainedTopics").size());
        String token = first.body().get("nextToken").asText();
        HttpAnswer second = call("GET", "/retainedMessage", "maxResults=2&nextToken=" + token, "");
        assertEquals("c", second.body().at("/retainedTopics/0/topic").asText());
        assertFalse(second.body().has("nextToken"));
        assertEquals(400, call("GET", "/retainedMessage", "nextToken=%21%21", "").status());
        assertEquals(400, call("GET", "/retainedMessage", "maxResults=201", "").status());
    }

    @Test
    void shadow_errors_answer_with_the_status_the_error_type_and_the_aws_error_document() {
        HttpAnswer missing = call("GET", "/things/t1/shadow", "name=cfg", "");
        assertEquals(404, missing.status());
        assertEquals("ResourceNotFoundException", missing.errorType());
        assertEquals("No shadow exists with name: 'cfg'", missing.body().get("message").asText());
        assertEquals(404, missing.body().get("code").asInt());
        HttpAnswer invalid = call("POST", "/things/t1/shadow", "", "{\"state\":{\"desired\":1}}");
        assertEquals(400, invalid.status());
        assertEquals("Desired node must be an object", invalid.body().get("message").asText());
        assertEquals(400, call("GET", "/things/bad%20name/shadow", "", "").status());
        assertTrue(published.isEmpty(), "HTTP shadow errors publish no /rejected message: " + published);
    }

    @Test
    void an_http_shadow_update_publishes_accepted_delta_and_documents() {
        assertEquals(200, call("POST", "/things/t1/shadow", "", "{\"state\":{\"desired\":{\"a\":1}}}").status());
        assertEquals(List.of("$aws/things/t1/shadow/update/accepted qos=1", "$aws/things/t1/shadow/update/delta qos=1",
                "$aws/things/t1/shadow/update/documents qos=1"), published);
    }

    @Test
    void a_refused_signature_is_reported_with_the_claimed_key_and_what_the_emulator_signed() {
        secret = "not-the-secret";
        HttpAnswer refused = call("POST", "/topics/a", "qos=1", "x");

        assertEquals(403, refused.status());
        RefusalLog.Refusal reported = refusals.recent().get(0);
        assertEquals(RefusalLog.Kind.SIGV4, reported.kind());
        assertEquals("SIGNATURE_MISMATCH", reported.reason());
        assertEquals(SignedCalls.KEY, reported.principal());
        assertEquals("127.0.0.1", reported.remote());
        assertEquals("POST /topics/a (Publish)", reported.details().get("request"));
        assertTrue(reported.details().get("canonicalRequest").startsWith("POST\n/topics/a\nqos=1\n"),
                reported.details().toString());
        assertTrue(published.isEmpty(), "a refused publish goes nowhere: " + published);
    }
}
