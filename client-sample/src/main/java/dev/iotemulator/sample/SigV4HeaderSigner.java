package dev.iotemulator.sample;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Signs an AWS IoT data-plane HTTP request (service {@code iotdata}) with SigV4 headers, as the AWS SDKs do: the
 * path of each segment encoded twice (the rule for every service but S3), {@code host} and {@code x-amz-date} signed,
 * the payload's SHA-256 in {@code x-amz-content-sha256}, a session token as {@code x-amz-security-token}.
 */
public final class SigV4HeaderSigner {

    static final String SERVICE = "iotdata";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String region;

    public SigV4HeaderSigner(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
        this.region = region;
    }

    /**
     * @param hostHeader the exact Host header the HTTP client sends ({@code host} or {@code host:port})
     * @param path the request path with each segment already URL-encoded once, e.g. {@code /things/t1/shadow}
     * @return the headers to add: Authorization, x-amz-date, x-amz-content-sha256 and, for temporary credentials,
     *     x-amz-security-token
     */
    public Map<String, String> sign(String method, String hostHeader, String path, String query, byte[] body,
            Instant now) {
        String amzDate = AMZ_DATE.format(now);
        String day = amzDate.substring(0, 8);
        String payloadHash = SigV4Crypto.sha256Hex(body);
        Map<String, String> signed = new LinkedHashMap<>();
        signed.put("host", hostHeader.toLowerCase(Locale.ROOT));
        signed.put("x-amz-content-sha256", payloadHash);
        signed.put("x-amz-date", amzDate);
        if (sessionToken != null) {
            signed.put("x-amz-security-token", sessionToken);
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        signed.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonicalRequest = method + "\n" + encodeSegments(path) + "\n" + query + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\n" + payloadHash;
        String scope = day + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n"
                + SigV4Crypto.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
        String signature = SigV4Crypto.signature(secretAccessKey, day, region, SERVICE, stringToSign);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders="
                + signedHeaders + ", Signature=" + signature);
        headers.put("x-amz-date", amzDate);
        headers.put("x-amz-content-sha256", payloadHash);
        if (sessionToken != null) {
            headers.put("x-amz-security-token", sessionToken);
        }
        return headers;
    }

    /** The second encoding of an already encoded path, segment by segment. */
    private static String encodeSegments(String path) {
        return String.join("/", Arrays.stream(path.split("/", -1)).map(SigV4Crypto::encode).toList());
    }
}
