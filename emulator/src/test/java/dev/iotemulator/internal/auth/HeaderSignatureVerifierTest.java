package dev.iotemulator.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HeaderSignatureVerifierTest {

    static final String KEY = "AKIDEXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    static final Instant AT = Instant.parse("2015-08-30T12:36:00Z");

    final HeaderSignatureVerifier verifier = new HeaderSignatureVerifier(
            new CredentialStore(List.of(new LocalCredential("test", KEY, SECRET, null))), "us-east-1",
            Duration.ofMinutes(15), Clock.fixed(AT, ZoneOffset.UTC));

    static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return headers;
    }

    /** The "get-vanilla" case of the AWS Signature Version 4 test suite. */
    @Test
    void accepts_the_aws_test_suite_get_vanilla_request() {
        SignedRequest request = new SignedRequest("GET", "/", "", headers("host", "example.amazonaws.com",
                "x-amz-date", "20150830T123600Z", "authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"
                        + "us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                        + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
        assertInstanceOf(Verification.Verified.class, verifier.verify(request, new byte[0], Set.of("service")));
    }

    @Test
    void signs_the_path_uri_encoded_twice_and_names_the_single_encoding_mistake() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        String doubly = sign("/topics/a%252Fb", body);
        assertInstanceOf(Verification.Verified.class, verifier.verify(request(doubly), body, Set.of("iotdata")));
        Verification.Refused once = assertInstanceOf(Verification.Refused.class,
                verifier.verify(request(sign("/topics/a%2Fb", body)), body, Set.of("iotdata")));
        assertTrue(once.message().contains("encoded only once"), once.message());
    }

    @Test
    void refuses_a_service_name_outside_the_accepted_ones() {
        byte[] body = new byte[0];
        Verification.Refused refused = assertInstanceOf(Verification.Refused.class,
                verifier.verify(request(sign("/topics/a%252Fb", body)), body, Set.of("iot", "execute-api")));
        assertEquals(Refusal.WRONG_SERVICE, refused.reason());
    }

    @Test
    void refuses_a_body_that_does_not_match_x_amz_content_sha256() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        SignedRequest request = new SignedRequest("POST", "/topics/a%2Fb", "", headers("host", "h",
                "x-amz-date", "20150830T123600Z", "x-amz-content-sha256", SigV4.EMPTY_PAYLOAD_SHA256,
                "authorization", sign("/topics/a%252Fb", body)));
        Verification.Refused refused = assertInstanceOf(Verification.Refused.class,
                verifier.verify(request, body, Set.of("iotdata")));
        assertTrue(refused.message().contains("x-amz-content-sha256"), refused.message());
    }

    @Test
    void refuses_a_request_without_an_authorization_header() {
        SignedRequest request = new SignedRequest("GET", "/", "", headers("host", "h"));
        assertEquals(Refusal.MISSING_PARAMETER, assertInstanceOf(Verification.Refused.class,
                verifier.verify(request, new byte[0], Set.of("iotdata"))).reason());
    }

    private static SignedRequest request(String authorization) {
        return new SignedRequest("POST", "/topics/a%2Fb", "qos=1", headers("host", "h",
                "x-amz-date", "20150830T123600Z", "authorization", authorization));
    }

    /** An Authorization header for POST {@code canonicalUri}?qos=1 signed as a client would. */
    private static String sign(String canonicalUri, byte[] body) {
        String hash = sha256(body);
        String canonical = SigV4.canonicalRequest("POST", canonicalUri, "qos=1", "host:h\nx-amz-date:20150830T123600Z\n",
                "host;x-amz-date", hash);
        String sts = SigV4.stringToSign("20150830T123600Z", SigV4.scope("20150830", "us-east-1", "iotdata"), canonical);
        return "AWS4-HMAC-SHA256 Credential=" + KEY + "/20150830/us-east-1/iotdata/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=" + SigV4.signature(SECRET, "20150830", "us-east-1",
                "iotdata", sts);
    }

    private static String sha256(byte[] body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
