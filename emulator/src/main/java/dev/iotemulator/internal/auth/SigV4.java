package dev.iotemulator.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pieces of AWS Signature Version 4 shared by the presigner and the verifier.
 *
 * <p>Follows the AWS General Reference "Create a canonical request for Signature Version 4" rules: RFC 3986
 * encoding of every byte except unreserved characters, query parameters sorted by encoded name, header values
 * trimmed with inner whitespace folded, and the HMAC-SHA256 signing-key chain.
 */
public final class SigV4 {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";
    public static final String EMPTY_PAYLOAD_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    public static final DateTimeFormatter SCOPE_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_CACHED_KEYS = 1024;
    /**
     * Signing keys by secret, date, region and service: four HMACs per signature saved, as AWS's own SDKs save them.
     * A key is good for its day; the cache is emptied when full rather than tracked.
     */
    private static final Map<String, byte[]> SIGNING_KEYS = new ConcurrentHashMap<>();
    private static final ThreadLocal<Mac> HMAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    });
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    });

    private SigV4() {
    }

    /** RFC 3986 percent-encoding as SigV4 wants it: upper-case hex, only {@code A-Za-z0-9-_.~} left alone. */
    public static String uriEncode(String value, boolean keepSlash) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length + 16);
        for (byte b : bytes) {
            char c = (char) (b & 0xff);
            if (isUnreserved(c) || (keepSlash && c == '/')) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    /** The canonical query string of already-decoded parameters. */
    public static String canonicalQuery(List<Map.Entry<String, String>> decodedParams) {
        List<String[]> encoded = new ArrayList<>(decodedParams.size());
        for (Map.Entry<String, String> p : decodedParams) {
            encoded.add(new String[] {uriEncode(p.getKey(), false), uriEncode(p.getValue(), false)});
        }
        encoded.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return encoded.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    /** A header value in canonical form: trimmed, runs of spaces folded to one. */
    public static String canonicalHeaderValue(String value) {
        return value.trim().replaceAll("\\s+", " ");
    }

    public static String canonicalRequest(String method, String canonicalUri, String canonicalQuery,
            String canonicalHeaders, String signedHeaders, String payloadHash) {
        return method + '\n' + canonicalUri + '\n' + canonicalQuery + '\n' + canonicalHeaders + '\n'
                + signedHeaders + '\n' + payloadHash;
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return ALGORITHM + '\n' + amzDate + '\n' + scope + '\n' + sha256Hex(canonicalRequest);
    }

    public static String scope(String date, String region, String service) {
        return date + '/' + region + '/' + service + "/aws4_request";
    }

    public static String signature(String secret, String date, String region, String service, String stringToSign) {
        return HEX.formatHex(hmac(signingKey(secret, date, region, service), stringToSign));
    }

    private static byte[] signingKey(String secret, String date, String region, String service) {
        String cacheKey = secret + '\n' + date + '\n' + region + '\n' + service;
        byte[] cached = SIGNING_KEYS.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        if (SIGNING_KEYS.size() >= MAX_CACHED_KEYS) {
            SIGNING_KEYS.clear();
        }
        SIGNING_KEYS.put(cacheKey, key);
        return key;
    }

    public static String sha256Hex(String data) {
        return HEX.formatHex(SHA256.get().digest(data.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares two signatures in time that does not depend on where they differ. */
    public static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = HMAC.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }
}
