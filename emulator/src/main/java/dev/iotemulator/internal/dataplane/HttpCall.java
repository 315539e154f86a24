package dev.iotemulator.internal.dataplane;

import dev.iotemulator.internal.auth.SignedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request to the data plane, free of any HTTP library type.
 *
 * @param rawPath the path exactly as received, still percent-encoded (signatures cover it that way)
 * @param headers values by lower-case header name
 */
public record HttpCall(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
        String sourceIp) {

    SignedRequest signed() {
        return new SignedRequest(method, rawPath, rawQuery, headers);
    }

    /** The first value of a query parameter, decoded, or null. */
    String query(String name) {
        return signed().queryParameters().stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** Percent-decodes a path segment; {@code +} stays a plus sign, and {@code %2F} becomes a slash. */
    static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
