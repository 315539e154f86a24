package dev.iotemulator.acceptance;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Serves the bundled demo page ({@code dev/iotemulator/demo/} on the class path) from another origin than the
 * emulator's, as a developer's own web server would, so the page's calls to the emulator are cross-origin.
 */
final class StaticPageServer implements AutoCloseable {

    private static final Map<String, String> FILES = Map.of(
            "/index.html", "text/html; charset=utf-8",
            "/demo.js", "text/javascript; charset=utf-8",
            "/style.css", "text/css; charset=utf-8",
            "/favicon.svg", "image/svg+xml");
    private final HttpServer server;

    private StaticPageServer(HttpServer server) {
        this.server = server;
    }

    static StaticPageServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String type = FILES.get(path);
            byte[] body = null;
            if (type != null) {
                try (InputStream in = StaticPageServer.class.getClassLoader()
                        .getResourceAsStream("dev/iotemulator/demo" + path)) {
                    body = in == null ? null : in.readAllBytes();
                }
            }
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.getResponseHeaders().set("Content-Type", type);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return new StaticPageServer(server);
    }

    /** {@code http://127.0.0.1:<port>} */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
