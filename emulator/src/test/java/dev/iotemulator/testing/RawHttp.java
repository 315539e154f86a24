package dev.iotemulator.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A WebSocket upgrade request written byte by byte over a real socket, so a test controls every header (the JDK
 * HTTP client refuses to set Host, Connection and Upgrade).
 */
public final class RawHttp {

    /** The response to an upgrade request. */
    public record Response(int status, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private RawHttp() {
    }

    /** Sends {@code GET pathAndQuery} as a WebSocket upgrade with the given Host header and reads the response head and body. */
    public static Response upgrade(int port, String pathAndQuery, String hostHeader, Map<String, String> extraHeaders)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return upgrade(socket, pathAndQuery, hostHeader, extraHeaders);
        }
    }

    /** The same upgrade request on a socket the caller opened (a TLS socket, for instance), which stays open. */
    public static Response upgrade(Socket socket, String pathAndQuery, String hostHeader,
            Map<String, String> extraHeaders) throws IOException {
        StringBuilder request = new StringBuilder()
                .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Upgrade: websocket\r\n")
                .append("Connection: Upgrade\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Sec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Protocol: mqtt\r\n");
        extraHeaders.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("\r\n");
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return read(socket.getInputStream());
    }

    public static Response upgrade(int port, String pathAndQuery, String hostHeader) throws IOException {
        return upgrade(port, pathAndQuery, hostHeader, Map.of());
    }

    /** Sends a plain {@code GET pathAndQuery} exactly as given (no normalisation of {@code ..} or escapes). */
    public static Response get(int port, String pathAndQuery) throws IOException {
        String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends {@code method pathAndQuery} with exactly the given headers (Host included, or left out) and an empty body,
     * and reads the response.
     */
    public static Response request(int port, String method, String pathAndQuery, Map<String, String> headers)
            throws IOException {
        StringBuilder request = new StringBuilder().append(method).append(' ').append(pathAndQuery)
                .append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> request.append(k).append(": ").append(v).append("\r\n"));
        request.append("Content-Length: 0\r\n\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(socket.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response head ended: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String body = "";
        if (headers.containsKey("content-length")) {
            byte[] bytes = in.readNBytes(Integer.parseInt(headers.get("content-length")));
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }
}
