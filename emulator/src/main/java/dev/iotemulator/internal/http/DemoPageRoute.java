package dev.iotemulator.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /__emulator/demo/<file>}: the browser demo page, when its bundle ({@code dev/iotemulator/demo/} on the
 * class path, built by client-sample) is there. Only plain file names directly in that folder are served: no
 * slashes, no {@code ..}, no hidden files, known extensions only.
 */
final class DemoPageRoute implements Route.Handler {

    static final String PREFIX = "/__emulator/demo";
    static final String RESOURCE_DIR = "dev/iotemulator/demo/";
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "map", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "txt", "text/plain; charset=utf-8");
    /** Everything from the bundle itself: no CDN; connections to any IoT and Cognito endpoint. */
    private static final String CSP = "default-src 'self'; connect-src 'self' http: https: ws: wss:; "
            + "img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'";

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (path.equals(PREFIX)) {
            HttpResponses.send(ctx, HttpResponseStatus.MOVED_PERMANENTLY, new byte[0],
                    h -> h.set(HttpHeaderNames.LOCATION, PREFIX + "/"));
            return;
        }
        String name = path.substring(PREFIX.length() + 1);
        if (name.isEmpty()) {
            name = "index.html";
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        if (!FILE.matcher(name).matches() || name.contains("..") || !TYPES.containsKey(extension)) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "The demo page has no file '" + name + "'.");
            return;
        }
        byte[] body = read(RESOURCE_DIR + name);
        if (body == null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    read(RESOURCE_DIR + "index.html") == null
                            ? "The browser demo is not on the class path. Build it (mvn -B -pl emulator,"
                                    + "client-sample -am package -DskipTests) and start the emulator with it: java -cp "
                                    + "emulator/target/iot-emulator.jar:client-sample/target/classes "
                                    + "dev.iotemulator.internal.cli.Main (see docs/browser-demo.md)."
                            : "The demo page has no file '" + name + "'.");
            return;
        }
        HttpResponses.send(ctx, HttpResponseStatus.OK, body, h -> h
                .set(HttpHeaderNames.CONTENT_TYPE, TYPES.get(extension))
                .set(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .set("X-Content-Type-Options", "nosniff")
                .set("Content-Security-Policy", CSP));
    }

    private static byte[] read(String resource) {
        try (InputStream in = DemoPageRoute.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }
}
