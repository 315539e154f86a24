package dev.iotemulator.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SigV4WebSocketPresignerTest {

    private static final Instant SIGNED_AT = Instant.parse("2024-03-15T12:34:56Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==";

    /** The signature was computed outside Java, with openssl, from the canonical request asserted below. */
    @Test
    void presigns_the_exact_aws_layout_with_the_token_last_and_outside_the_signature() {
        var presigner = new SigV4WebSocketPresigner("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN, "us-east-1");

        URI url = presigner.presign("wss", "ABCDEFGHIJ1234-ats.iot.us-east-1.amazonaws.com", 443, SIGNED_AT);

        assertEquals("wss://abcdefghij1234-ats.iot.us-east-1.amazonaws.com:443/mqtt"
                + "?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240315%2Fus-east-1%2Fiotdevicegateway%2Faws4_request"
                + "&X-Amz-Date=20240315T123456Z"
                + "&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=baa0973c0e2bc2debf64facde311a00fa44a6e634c782af737ae26fbc381d864"
                + "&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE%2FSESSION%2BTOKEN%3D%3D", url.toString());
    }

    @Test
    void signs_the_lower_cased_host_with_the_port_paho_sends_and_never_the_token() {
        var presigner = new SigV4WebSocketPresigner("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN, "us-east-1");
        String query = presigner.canonicalQuery(SIGNED_AT, null);

        assertEquals("GET\n/mqtt\n" + query + "\nhost:abcdefghij1234-ats.iot.us-east-1.amazonaws.com:443\n\nhost\n"
                        + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                SigV4WebSocketPresigner.canonicalRequest(query,
                        SigV4WebSocketPresigner.pahoHostHeader("abcdefghij1234-ats.iot.us-east-1.amazonaws.com", 443)));
        assertEquals("AWS4-HMAC-SHA256\n20240315T123456Z\n20240315/us-east-1/iotdevicegateway/aws4_request\n"
                        + "042259a05a1c86d86917e9868207f0b3b0d75f6b56e7a7df7b5632db9df846a5",
                presigner.stringToSign(SIGNED_AT, SigV4WebSocketPresigner.canonicalRequest(query,
                        "abcdefghij1234-ats.iot.us-east-1.amazonaws.com:443")));
    }

    @Test
    void paho_omits_the_port_from_the_host_header_only_on_port_80() {
        assertEquals("localhost", SigV4WebSocketPresigner.pahoHostHeader("localhost", 80));
        assertEquals("localhost:443", SigV4WebSocketPresigner.pahoHostHeader("localhost", 443));
        assertEquals("localhost:8080", SigV4WebSocketPresigner.pahoHostHeader("localhost", 8080));
    }

    @Test
    void puts_expires_between_date_and_signed_headers_and_leaves_out_a_token_for_long_term_keys() {
        var presigner = new SigV4WebSocketPresigner("AKIAIOSFODNN7EXAMPLE", SECRET, null, "eu-west-1");

        String query = presigner.presign("ws", "127.0.0.1", 8080, SIGNED_AT, Duration.ofMinutes(5)).getRawQuery();

        assertEquals("X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240315%2Feu-west-1%2Fiotdevicegateway%2Faws4_request"
                + "&X-Amz-Date=20240315T123456Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host&X-Amz-Signature=",
                query.substring(0, query.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length()));
        assertEquals(64, query.substring(query.indexOf("X-Amz-Signature=") + 16).length());
    }

    @Test
    void encodes_as_rfc_3986_requires() {
        assertEquals("a%2Fb%2Bc%3D%20~-_.%C3%A9", SigV4WebSocketPresigner.encode("a/b+c= ~-_.é"));
    }

    @Test
    void refuses_a_scheme_it_cannot_sign_for() {
        var presigner = new SigV4WebSocketPresigner("AKIAIOSFODNN7EXAMPLE", SECRET, null, "us-east-1");
        assertThrows(IllegalArgumentException.class, () -> presigner.presign("https", "h", 443, SIGNED_AT));
    }
}
