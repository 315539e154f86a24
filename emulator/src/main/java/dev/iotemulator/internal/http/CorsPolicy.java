package dev.iotemulator.internal.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which web origins may call the browser credential routes (Cognito, presign), from {@code allowedOrigins} in
 * browser.json: {@code *}, an exact origin, or an origin with any port ({@code http://localhost:*}). An allowed
 * origin is echoed back; any other gets no CORS headers, so its browser keeps the response from the page.
 */
final class CorsPolicy {

    private static final Pattern REQUEST_HEADERS = Pattern.compile("[A-Za-z0-9-]+(\\s*,\\s*[A-Za-z0-9-]+)*");
    private final List<String> allowedOrigins;

    CorsPolicy(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    boolean allows(String origin) {
        if (origin == null) {
            return false;
        }
        String o = origin.toLowerCase(Locale.ROOT);
        for (String allowed : allowedOrigins) {
            String a = allowed.toLowerCase(Locale.ROOT);
            if (a.equals("*") || a.equals(o)) {
                return true;
            }
            if (a.endsWith(":*")) {
                String prefix = a.substring(0, a.length() - 1);
                if (o.startsWith(prefix) && o.substring(prefix.length()).matches("\\d{1,5}")) {
                    return true;
                }
                if (o.equals(a.substring(0, a.length() - 2))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Adds the CORS headers of an actual (non-preflight) response, when the request's origin is allowed. */
    void apply(FullHttpRequest request, HttpHeaders headers, String exposeHeaders) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        headers.add(HttpHeaderNames.VARY, "Origin");
        if (allows(origin)) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, exposeHeaders);
        }
    }

    /** The headers of a preflight ({@code OPTIONS}) answer for the given methods. */
    void preflight(FullHttpRequest request, HttpHeaders headers, String methods) {
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        headers.add(HttpHeaderNames.VARY, "Origin");
        if (!allows(origin)) {
            return;
        }
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        String requested = request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        if (requested != null && REQUEST_HEADERS.matcher(requested.trim()).matches()) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested.trim());
        }
    }

    @Override
    public String toString() {
        return "CorsPolicy" + allowedOrigins;
    }
}
