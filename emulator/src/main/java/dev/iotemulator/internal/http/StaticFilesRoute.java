package dev.iotemulator.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * {@code GET <prefix>/<file>}: one of the page bundles built into the jar ({@code dev/iotemulator/<folder>/} on the
 * class path), with a Content-Security-Policy that allows nothing from elsewhere. Only plain file names directly in
 * that folder are served: no slashes, no {@code ..}, no hidden files, known extensions only. The prefix without a
 * slash redirects to the folder, so the page's relative links work.
 */
final class StaticFilesRoute implements Route.Handler {

    /** The browser demo: connects to any IoT and Cognito endpoint, as a user's page would. */
    static final StaticFilesRoute DEMO = new StaticFilesRoute("/__emulator/demo", "dev/iotemulator/demo/",
            "default-src 'self'; connect-src 'self' http: https: ws: wss:; img-src 'self' data:; style-src 'self'; "
                    + "script-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'");
    /** The console: talks to this emulator only, and may not be framed by another page. */
    static final StaticFilesRoute CONSOLE = new StaticFilesRoute("/__emulator/console", "dev/iotemulator/console/",
            "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                    + "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                    + "form-action 'self'");

    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");

    private final String prefix;
    private final String resourceDir;
    private final String contentSecurityPolicy;

    StaticFilesRoute(String prefix, String resourceDir, String contentSecurityPolicy) {
        this.prefix = prefix;
        this.resourceDir = resourceDir;
        this.contentSecurityPolicy = contentSecurityPolicy;
    }

    /** The table's template for this route: the prefix and everything below it. */
    String template() {
        return prefix + "/**";
    }

    String prefix() {
        return prefix;
    }

    /** The page itself: the prefix, the folder and its {@code index.html}, rather than its other files. */
    Predicate<String> page() {
        return path -> path.equals(prefix) || path.equals(prefix + "/") || path.equals(prefix + "/index.html");
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (path.equals(prefix)) {
            HttpResponses.send(ctx, HttpResponseStatus.MOVED_PERMANENTLY, new byte[0],
                    h -> h.set(HttpHeaderNames.LOCATION, prefix + "/"));
            return;
        }
        String name = path.substring(prefix.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        byte[] body = FILE.matcher(name).matches() && !name.contains("..") && TYPES.containsKey(extension)
                ? read(resourceDir + name) : null;
        if (body == null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    prefix + "/ has no file '" + name + "'.");
            return;
        }
        HttpResponses.send(ctx, HttpResponseStatus.OK, body, h -> h
                .set(HttpHeaderNames.CONTENT_TYPE, TYPES.get(extension))
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer")
                .set("Content-Security-Policy", contentSecurityPolicy));
    }

    private static byte[] read(String resource) {
        try (InputStream in = StaticFilesRoute.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
