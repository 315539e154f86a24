package dev.iotemulator.internal.http;

import dev.iotemulator.internal.config.BindAddress;
import dev.iotemulator.internal.logging.LogValues;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the admin surface ({@code /__emulator/...} except the few open routes): tools and tests on this
 * machine, the emulator's own pages, and whoever holds the admin token; never another web site.
 *
 * <ul>
 *   <li>A browser request from another origin is refused (403): an {@code Origin} other than the emulator's own, or
 *       {@code Sec-Fetch-Site} {@code cross-site}/{@code same-site}. Admin answers never carry
 *       {@code Access-Control-Allow-Origin}, so no other page can read them either.</li>
 *   <li>On a loopback bind address the {@code Host} must be a loopback name or address, the bind address or a
 *       configured host name (403 otherwise): a DNS-rebinding page reaches 127.0.0.1 under its own host name.</li>
 *   <li>When a token is set (always on a non-loopback bind address), every admin request carries it as
 *       {@code Authorization: Bearer <token>} or {@code ?token=<token>} (401 otherwise), compared in constant
 *       time.</li>
 * </ul>
 */
public final class AdminAccess {

    private static final Logger LOG = LoggerFactory.getLogger(AdminAccess.class);
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");
    private static final String BEARER = "bearer ";

    private final byte[] token;
    private final boolean checkHost;
    private final List<String> hostNames;

    /**
     * @param bindAddress the listeners' bind address
     * @param token the admin token, or null for none
     * @param hostNames further names the emulator is reached under (the TLS host names)
     */
    public AdminAccess(String bindAddress, String token, List<String> hostNames) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.checkHost = BindAddress.isLoopback(bindAddress);
        this.hostNames = hostNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    }

    /** Why the request may not use an admin route, if it may not. */
    public record Refusal(HttpResponseStatus status, String errorType, String reason, String message) {
    }

    /** Checks an admin request; empty when it may go on. Logs each refusal. */
    public Optional<Refusal> check(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Optional<Refusal> refusal = refusal(ctx, request);
        refusal.ifPresent(r -> LOG.warn("event=admin_refused reason={} status={} remote={} method={} path=\"{}\" "
                + "origin=\"{}\" host=\"{}\" message=\"{}\"", r.reason(), r.status().code(),
                ctx.channel().remoteAddress(), request.method(), LogValues.escape(path),
                LogValues.escape(request.headers().get(HttpHeaderNames.ORIGIN)),
                LogValues.escape(request.headers().get(HttpHeaderNames.HOST)), r.message()));
        return refusal;
    }

    private Optional<Refusal> refusal(ChannelHandlerContext ctx, FullHttpRequest request) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(HttpRouter.httpScheme(ctx) + host)) {
            return forbidden("FOREIGN_ORIGIN", "The admin routes answer the emulator's own pages and non-browser "
                    + "clients only; a page from " + LogValues.escape(origin) + " may not call them.");
        }
        String site = request.headers().get("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            return forbidden("FOREIGN_ORIGIN", "The admin routes answer the emulator's own pages and non-browser "
                    + "clients only; this request came from another site (Sec-Fetch-Site: " + LogValues.escape(site)
                    + ").");
        }
        if (checkHost && host != null && !isLocalHost(hostName(host))) {
            return forbidden("FOREIGN_HOST", "The admin routes answer requests for this machine only, and Host "
                    + LogValues.escape(host) + " is not a loopback name or address. To reach the emulator under "
                    + "another name, add it with --tls-host-names (IOT_EMULATOR_TLS_HOST_NAMES).");
        }
        if (token != null && !presentsToken(request)) {
            return Optional.of(new Refusal(HttpResponseStatus.UNAUTHORIZED, "UnauthorizedException",
                    "MISSING_ADMIN_TOKEN", "This emulator's admin routes need its admin token, printed in its "
                    + "start-up banner (or set with --admin-token / IOT_EMULATOR_ADMIN_TOKEN): send "
                    + "'Authorization: Bearer <token>', or from Java RemoteEmulator.connect(uri).withAdminToken(token)."));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> forbidden(String reason, String message) {
        return Optional.of(new Refusal(HttpResponseStatus.FORBIDDEN, "ForbiddenException", reason, message));
    }

    private boolean presentsToken(FullHttpRequest request) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && matches(authorization.substring(BEARER.length()).trim())) {
            return true;
        }
        String query = HttpResponses.param(request, "token", null);
        return query != null && matches(query);
    }

    /** Constant-time, so the time an answer takes says nothing about how much of a guess was right. */
    private boolean matches(String candidate) {
        return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
    }

    private boolean isLocalHost(String name) {
        return name.equals("localhost") || name.endsWith(".localhost") || IPV4_LOOPBACK.matcher(name).matches()
                || name.equals("::1") || hostNames.contains(name);
    }

    /** The name part of a Host header, lower-cased: {@code [::1]:8080} gives {@code ::1}. */
    static String hostName(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon < 0 || h.indexOf(':', colon + 1) >= 0 ? h : h.substring(0, colon);
    }
}
