package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.auth.SignedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to the data or control plane, free of any HTTP library type.
 *
 * @param rawPath the path exactly as received, still percent-encoded (signatures cover it that way)
 * @param headers values by lower-case header name
 */
public record HttpCall(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
        String sourceIp) {

    /** The request as the SigV4 verifier reads it. */
    public SignedRequest signed() {
        return new SignedRequest(method, rawPath, rawQuery, headers);
    }

    /** The first value of a header (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query parameter, decoded, or null. */
    public String query(String name) {
        return signed().queryParameters().stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Percent-decodes a path segment; {@code +} stays a plus sign, and {@code %2F} becomes a slash. */
    public static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
