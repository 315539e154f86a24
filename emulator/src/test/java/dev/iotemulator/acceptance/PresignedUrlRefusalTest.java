package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.testing.RawHttp;
import dev.iotemulator.testing.UrlSigner;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every reason a presigned URL is refused, over a real socket: HTTP 403 as AWS answers it
 * ({@code x-amzn-ErrorType: ForbiddenException:}), plus the body AWS never gives, naming the exact reason.
 */
class PresignedUrlRefusalTest {

    static final String TEMP_KEY = "ASIAIOSFODNN7EXAMPLE";
    static final String TEMP_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";
    static final String TEMP_TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==";
    static final ObjectMapper JSON = new ObjectMapper();

    static IotEmulator iot;
    static int port;
    static String host;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        port = iot.endpoints().httpPort();
        host = "127.0.0.1:" + port;
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void a_correctly_presigned_url_is_upgraded_with_the_subprotocol_echoed() throws Exception {
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + UrlSigner.forHost(host).query(), host);
        assertEquals(101, r.status());
        assertEquals("mqtt", r.header("sec-websocket-protocol"));
    }

    @Test
    void a_url_signed_the_aws_crt_way_is_upgraded() throws Exception {
        String query = UrlSigner.forHost("127.0.0.1").alsoSign("connection", "Upgrade")
                .key(TEMP_KEY, TEMP_SECRET).token(TEMP_TOKEN).tokenBeforeSignature().query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, "127.0.0.1");
        assertEquals(101, r.status(), r.body());
    }

    @Test
    void a_url_signed_for_service_iotdata_with_an_expiry_is_upgraded() throws Exception {
        String query = UrlSigner.forHost(host).service("iotdata").expires(300).query();
        assertEquals(101, RawHttp.upgrade(port, "/mqtt?" + query, host).status());
    }

    @Test
    void temporary_credentials_with_the_token_appended_after_signing_are_upgraded() throws Exception {
        String query = UrlSigner.forHost(host).key(TEMP_KEY, TEMP_SECRET).token(TEMP_TOKEN).query();
        assertEquals(101, RawHttp.upgrade(port, "/mqtt?" + query, host).status());
    }

    @Test
    void refuses_a_url_without_a_signature() throws Exception {
        assertRefused(RawHttp.upgrade(port, "/mqtt", host), "MISSING_PARAMETER", "X-Amz-Signature");
    }

    @Test
    void refuses_another_algorithm() throws Exception {
        String query = UrlSigner.forHost(host).query().replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA512");
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "UNSUPPORTED_ALGORITHM", "AWS4-HMAC-SHA512");
    }

    @Test
    void refuses_an_unknown_access_key() throws Exception {
        String query = UrlSigner.forHost(host).key("AKIANOTCONFIGURED000", "secret").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "UNKNOWN_ACCESS_KEY", "AKIANOTCONFIGURED000");
    }

    @Test
    void refuses_a_url_signed_for_another_region_naming_both() throws Exception {
        String query = UrlSigner.forHost(host).region("eu-west-1").query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "WRONG_REGION", "eu-west-1");
        assertTrue(message(r).contains("us-east-1"), message(r));
    }

    @Test
    void refuses_a_url_signed_for_another_service() throws Exception {
        String query = UrlSigner.forHost(host).service("s3").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "WRONG_SERVICE", "iotdevicegateway");
    }

    @Test
    void refuses_a_malformed_date() throws Exception {
        String query = UrlSigner.forHost(host).query().replaceFirst("X-Amz-Date=\\d{8}T\\d{6}Z", "X-Amz-Date=yesterday");
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "MALFORMED_DATE", "yesterday");
    }

    @Test
    void refuses_clock_skew_and_names_both_times() throws Exception {
        Instant signed = Instant.now().minus(Duration.ofMinutes(20));
        String query = UrlSigner.forHost(host).at(signed).query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "CLOCK_SKEW", dev.iotemulator.internal.auth.SigV4.AMZ_DATE.format(signed));
        assertTrue(message(r).contains("emulator's clock ("), message(r));
    }

    @Test
    void a_long_x_amz_expires_does_not_extend_the_date_window_as_at_aws() throws Exception {
        String query = UrlSigner.forHost(host).at(Instant.now().minusSeconds(3600)).expires(86400).query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "CLOCK_SKEW", "can shorten that window but not extend it");
    }

    @Test
    void a_url_within_both_its_date_window_and_its_expiry_is_accepted() throws Exception {
        String query = UrlSigner.forHost(host).at(Instant.now().minusSeconds(60)).expires(86400).query();
        assertEquals(101, RawHttp.upgrade(port, "/mqtt?" + query, host).status());
    }

    @Test
    void refuses_an_expired_url() throws Exception {
        String query = UrlSigner.forHost(host).at(Instant.now().minusSeconds(90)).expires(60).query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "EXPIRED", "expired at");
    }

    @Test
    void refuses_temporary_credentials_without_their_session_token() throws Exception {
        String query = UrlSigner.forHost(host).key(TEMP_KEY, TEMP_SECRET).query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "MISSING_SECURITY_TOKEN", TEMP_KEY);
    }

    @Test
    void refuses_a_session_token_that_belongs_to_no_key() throws Exception {
        String query = UrlSigner.forHost(host).key(TEMP_KEY, TEMP_SECRET).token("someone-elses-token").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "INVALID_SECURITY_TOKEN", TEMP_KEY);
    }

    @Test
    void refuses_the_token_signed_into_the_query_and_says_to_append_it_after_signing() throws Exception {
        String query = UrlSigner.forHost(host).key(TEMP_KEY, TEMP_SECRET).token(TEMP_TOKEN).signTokenIntoQuery()
                .query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "TOKEN_SIGNED_IN_QUERY", "after signing");
    }

    @Test
    void refuses_a_host_signed_in_upper_case_and_says_so() throws Exception {
        String upper = "LocalHost:" + port;
        String query = UrlSigner.forHost(upper).query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, upper);
        assertRefused(r, "HOST_UPPER_CASE", "upper-case");
        assertTrue(message(r).contains("localhost:" + port), message(r));
    }

    @Test
    void refuses_a_url_signed_without_the_port_the_client_sends() throws Exception {
        String query = UrlSigner.forHost("127.0.0.1").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "HOST_PORT_MISMATCH", "Host: " + host);
    }

    @Test
    void refuses_an_endpoint_signed_in_capitals_while_the_client_sends_it_lower_cased() throws Exception {
        String lower = "localhost:" + port;
        String query = UrlSigner.forHost("LOCALHOST:" + port).query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, lower);
        assertRefused(r, "HOST_UPPER_CASE", "Lower-case the endpoint before presigning");
        assertTrue(message(r).contains("'LOCALHOST:" + port + "'") && message(r).contains("Host: " + lower),
                message(r));
    }

    @Test
    void refuses_a_host_signed_in_mixed_case_while_the_client_sends_it_lower_cased() throws Exception {
        String query = UrlSigner.forHost("LocalHost:" + port).query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, "localhost:" + port), "HOST_UPPER_CASE",
                "'LocalHost:" + port + "'");
    }

    @Test
    void refuses_an_aws_style_endpoint_signed_in_capitals_as_describe_endpoint_might_print_it() throws Exception {
        String endpoint = "a1b2c3d4e5f6g7-ats.iot.us-east-1.amazonaws.com";
        String query = UrlSigner.forHost(endpoint.toUpperCase(java.util.Locale.ROOT)).query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, endpoint), "HOST_UPPER_CASE", "Lower-case the endpoint");
    }

    @Test
    void refuses_a_payload_hashed_twice_and_names_aws_signature_v4_and_its_empty_argument() throws Exception {
        String query = UrlSigner.forHost(host).payloadHash(dev.iotemulator.internal.auth.SigV4.sha256Hex(
                dev.iotemulator.internal.auth.SigV4.EMPTY_PAYLOAD_SHA256)).query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "PAYLOAD_HASHED_TWICE", "pass '' as the payload argument");
        assertTrue(message(r).contains("aws-signature-v4") && message(r).contains("1.3.0"), message(r));
    }

    @Test
    void refuses_a_url_whose_credential_names_service_iot_and_says_it_is_the_control_plane_s() throws Exception {
        String query = UrlSigner.forHost(host).service("iot").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "WRONG_SERVICE", "control plane");
    }

    @Test
    void refuses_a_key_derived_for_execute_api_while_the_credential_names_iotdevicegateway() throws Exception {
        String query = UrlSigner.forHost(host).signingService("execute-api").query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "WRONG_SERVICE", "derived for service 'execute-api'");
        assertTrue(message(r).contains("'iotdevicegateway'"), message(r));
    }

    @Test
    void refuses_a_url_signed_for_another_path_and_names_it() throws Exception {
        String query = UrlSigner.forHost(host).signedPath("/").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "WRONG_PATH", "signed for the path '/'");
    }

    @Test
    void refuses_query_values_encoded_twice_when_signing() throws Exception {
        String query = UrlSigner.forHost(host).encodeValuesTwiceWhenSigning().query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "QUERY_DOUBLE_ENCODED", "%252F");
    }

    @Test
    void refuses_a_header_named_as_signed_but_not_sent() throws Exception {
        String query = UrlSigner.forHost(host).alsoSign("x-custom", "v").query();
        assertRefused(RawHttp.upgrade(port, "/mqtt?" + query, host), "SIGNED_HEADER_MISSING", "x-custom");
    }

    @Test
    void refuses_a_wrong_secret_with_the_canonical_request_and_string_to_sign_but_never_the_secret() throws Exception {
        String query = UrlSigner.forHost(host).key("AKIAIOSFODNN7EXAMPLE", "not-the-secret").query();
        RawHttp.Response r = RawHttp.upgrade(port, "/mqtt?" + query, host);
        assertRefused(r, "SIGNATURE_MISMATCH", "signature we calculated does not match");
        assertTrue(message(r).contains("likely cause is a wrong secret access key"), message(r));
        JsonNode body = JSON.readTree(r.body());
        assertEquals("GET\n/mqtt\n", body.get("canonicalRequest").asText().substring(0, 10));
        assertTrue(body.get("canonicalRequest").asText().contains("\nhost:" + host + "\n"));
        assertTrue(body.get("stringToSign").asText().startsWith("AWS4-HMAC-SHA256\n"));
        assertFalse(r.body().contains("wJalrXUtnFEMI"), "the body must never carry the secret");
    }

    private static String message(RawHttp.Response r) throws Exception {
        return JSON.readTree(r.body()).get("message").asText();
    }

    private static void assertRefused(RawHttp.Response r, String reason, String messagePart) throws Exception {
        assertEquals(403, r.status(), r.body());
        assertEquals("ForbiddenException:", r.header("x-amzn-ErrorType"));
        assertEquals("application/json", r.header("content-type"));
        assertNotNull(r.header("x-amzn-RequestId"));
        JsonNode body = JSON.readTree(r.body());
        assertEquals(reason, body.get("reason").asText(), r.body());
        assertTrue(body.get("message").asText().contains(messagePart),
                "message should mention '" + messagePart + "': " + body.get("message").asText());
    }
}
