package dev.iotemulator.internal.dataplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.auth.SigV4;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.pipeline.ReservedTopicServices;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.shadow.Shadows;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The data-plane route table without a network: signed calls in, AWS-shaped answers out. */
class DataPlaneTest {

    static final String KEY = "AKIDTEST";
    static final String SECRET = "secret";
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String AMZ_DATE = "20260102T030405Z";

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    final RetainedStore retained = new RetainedStore();
    final List<String> published = new ArrayList<>();
    final PublishPipeline pipeline = new PublishPipeline(MqttLimits.aws(), new Journal(100, clock),
            new ReservedTopicServices(), retained, (topic, payload, qos, extras) -> published.add(topic + " qos=" + qos),
            clock);
    final ShadowService shadows = new ShadowService(new Shadows(clock),
            (topic, payload) -> pipeline.publishAsService(topic, payload, 1));
    final DataPlane dataPlane = new DataPlane(new DataPlaneServices(shadows, retained, pipeline,
            (p, a, r, ip) -> Optional.empty(), new Arns("us-east-1", "123456789012")),
            new HeaderSignatureVerifier(new CredentialStore(List.of(new LocalCredential("t", KEY, SECRET, null))),
                    "us-east-1", Duration.ofMinutes(5), clock));

    HttpAnswer call(String method, String rawPath, String rawQuery, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String service = rawPath.equals("/endpoint") ? "iot" : "iotdata";
        String canonical = SigV4.canonicalRequest(method, SigV4.uriEncode(rawPath, true),
                SigV4.canonicalQuery(new dev.iotemulator.internal.auth.SignedRequest(method, rawPath, rawQuery,
                        Map.of()).queryParameters()),
                "host:h\nx-amz-date:" + AMZ_DATE + "\n", "host;x-amz-date", sha256(bytes));
        String signature = SigV4.signature(SECRET, "20260102", "us-east-1", service,
                SigV4.stringToSign(AMZ_DATE, SigV4.scope("20260102", "us-east-1", service), canonical));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("h"));
        headers.put("x-amz-date", List.of(AMZ_DATE));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY + "/20260102/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature));
        return dataPlane.handle(new HttpCall(method, rawPath, rawQuery, headers, bytes, "127.0.0.1")).orElseThrow();
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
    void describe_endpoint_refuses_unknown_endpoint_types() {
        assertEquals("h", call("GET", "/endpoint", "endpointType=iot%3AData-ATS", "").body()
                .get("endpointAddress").asText());
        assertEquals(400, call("GET", "/endpoint", "endpointType=iot%3ANope", "").status());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
