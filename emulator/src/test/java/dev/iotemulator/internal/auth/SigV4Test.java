package dev.iotemulator.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the SigV4 building blocks against signatures published by AWS. */
class SigV4Test {

    @Test
    void signs_the_aws_test_suite_get_vanilla_request_as_aws_does() {
        String canonical = SigV4.canonicalRequest("GET", "/", "",
                "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n", "host;x-amz-date",
                SigV4.EMPTY_PAYLOAD_SHA256);
        String stringToSign = SigV4.stringToSign("20150830T123600Z",
                SigV4.scope("20150830", "us-east-1", "service"), canonical);

        String signature = SigV4.signature("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1",
                "service", stringToSign);

        assertEquals("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    @Test
    void signs_the_s3_documentation_presigned_url_example_as_aws_does() {
        String query = SigV4.canonicalQuery(List.of(
                entry("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
                entry("X-Amz-Credential", "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request"),
                entry("X-Amz-Date", "20130524T000000Z"),
                entry("X-Amz-Expires", "86400"),
                entry("X-Amz-SignedHeaders", "host")));
        String canonical = SigV4.canonicalRequest("GET", "/test.txt", query, "host:examplebucket.s3.amazonaws.com\n",
                "host", "UNSIGNED-PAYLOAD");

        String signature = SigV4.signature("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1", "s3",
                SigV4.stringToSign("20130524T000000Z", SigV4.scope("20130524", "us-east-1", "s3"), canonical));

        assertEquals("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", signature);
    }

    @Test
    void encodes_everything_but_unreserved_characters_with_upper_case_hex() {
        assertEquals("a%2Fb%20c%2B%3D~-_.", SigV4.uriEncode("a/b c+=~-_.", false));
        assertEquals("/mqtt/a%20b", SigV4.uriEncode("/mqtt/a b", true));
        assertEquals("%C3%A9", SigV4.uriEncode("\u00e9", false));
    }

    @Test
    void sorts_the_canonical_query_by_encoded_name_then_value() {
        assertEquals("A=2&B=1&b=0&b=1",
                SigV4.canonicalQuery(List.of(entry("b", "1"), entry("B", "1"), entry("b", "0"), entry("A", "2"))));
    }

    @Test
    void folds_inner_whitespace_of_header_values() {
        assertEquals("a b c", SigV4.canonicalHeaderValue("  a   b\tc "));
    }

    private static Map.Entry<String, String> entry(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }
}
