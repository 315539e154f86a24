package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.auth.SigV4;
import dev.iotemulator.internal.auth.SignedRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SigV4-signed {@link HttpCall}s for the unit tests of the data and control planes, signed at a fixed time with one
 * test key, as the AWS CLI signs ({@code host;x-amz-date}).
 */
public final class SignedCalls {

    public static final String KEY = "AKIDTEST";
    public static final String SECRET = "secret";
    public static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    static final String AMZ_DATE = "20260102T030405Z";
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private SignedCalls() {
    }

    /** A verifier that knows only the test key, at the test's fixed time. */
    public static HeaderSignatureVerifier verifier() {
        return new HeaderSignatureVerifier(new CredentialStore(List.of(new LocalCredential("t", KEY, SECRET, null))),
                "us-east-1", Duration.ofMinutes(5), CLOCK);
    }

    /** A call signed for {@code service} with host {@code h}. */
    public static HttpCall call(String method, String rawPath, String rawQuery, String body, String service) {
        return call(method, rawPath, rawQuery, body, service, SECRET);
    }

    /** A call signed for {@code service} with {@code secret}, which may be the wrong one. */
    public static HttpCall call(String method, String rawPath, String rawQuery, String body, String service,
            String secret) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String canonical = SigV4.canonicalRequest(method, SigV4.uriEncode(rawPath, true),
                SigV4.canonicalQuery(new SignedRequest(method, rawPath, rawQuery, Map.of()).queryParameters()),
                "host:h\nx-amz-date:" + AMZ_DATE + "\n", "host;x-amz-date", sha256(bytes));
        String signature = SigV4.signature(secret, "20260102", "us-east-1", service,
                SigV4.stringToSign(AMZ_DATE, SigV4.scope("20260102", "us-east-1", service), canonical));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("h"));
        headers.put("x-amz-date", List.of(AMZ_DATE));
        headers.put("authorization", List.of("AWS4-HMAC-SHA256 Credential=" + KEY + "/20260102/us-east-1/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature));
        return new HttpCall(method, rawPath, rawQuery, headers, bytes, "127.0.0.1");
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
