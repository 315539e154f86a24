package dev.iotemulator.internal.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an HTTP request that a SigV4 signature covers, free of any HTTP library type.
 *
 * @param headers header values by lower-case name, in the order received
 */
public record SignedRequest(String method, String path, String rawQuery, Map<String, List<String>> headers) {

    public SignedRequest {
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** Query parameters, percent-decoded ({@code +} stays a plus sign, as RFC 3986 has it). */
    public List<Map.Entry<String, String>> queryParameters() {
        List<Map.Entry<String, String>> params = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.add(new AbstractMap.SimpleImmutableEntry<>(percentDecode(name), percentDecode(value)));
        }
        return params;
    }

    /**
     * The access key id the request claims to be signed with ({@code X-Amz-Credential} of a presigned query, or the
     * {@code Credential=} of an {@code Authorization} header), whether or not it verifies; for refusal reports.
     */
    public Optional<String> claimedAccessKeyId() {
        String credential = queryParameters().stream().filter(p -> p.getKey().equals("X-Amz-Credential"))
                .map(Map.Entry::getValue).findFirst()
                .or(() -> header("authorization").map(SignedRequest::headerCredential)).orElse(null);
        if (credential == null || credential.isEmpty()) {
            return Optional.empty();
        }
        int slash = credential.indexOf('/');
        return Optional.of(slash < 0 ? credential : credential.substring(0, slash));
    }

    private static String headerCredential(String authorization) {
        int at = authorization.indexOf("Credential=");
        if (at < 0) {
            return null;
        }
        String rest = authorization.substring(at + "Credential=".length());
        int end = rest.indexOf(',');
        return (end < 0 ? rest : rest.substring(0, end)).trim();
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(String.join(",", values));
    }

    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); ) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(Character.digit(s.charAt(i + 1), 16) << 4 | Character.digit(s.charAt(i + 2), 16));
                i += 3;
            } else {
                int cp = s.codePointAt(i);
                byte[] raw = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                out.write(raw, 0, raw.length);
                i += Character.charCount(cp);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
