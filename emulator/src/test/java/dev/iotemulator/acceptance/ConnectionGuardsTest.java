package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clients that hold connections without finishing a request, or too many connections, cannot starve the rest. */
class ConnectionGuardsTest {

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static int health(IotEmulator iot) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(iot.endpoints().httpUri() + "/__emulator/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    /** Whether the emulator closes the socket within {@code millis}: read() sees the end of the stream. */
    static boolean closedWithin(Socket socket, long millis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, millis));
        InputStream in = socket.getInputStream();
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the emulator
        }
    }

    @Test
    void a_thousand_half_sent_requests_are_closed_after_the_timeout_while_health_keeps_answering() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                .httpRequestTimeout(Duration.ofSeconds(3)).build())) {
            List<Socket> halfOpen = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    Socket s = new Socket("127.0.0.1", iot.endpoints().httpPort());
                    s.getOutputStream().write(("GET /__emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
                            + i).getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    halfOpen.add(s);
                }
                assertEquals(200, health(iot), "health answers while 1,000 requests hang");
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                int closed = 0;
                for (Socket s : halfOpen) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (closedWithin(s, left)) {
                        closed++;
                    }
                }
                assertEquals(1000, closed, "half-sent requests closed by the emulator");
                assertEquals(200, health(iot));
            } finally {
                for (Socket s : halfOpen) {
                    s.close();
                }
            }
        }
    }

    @Test
    void connections_beyond_the_limit_are_closed_at_once_and_room_comes_back() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                .maxConnections(5).build())) {
            int mqtt = iot.endpoints().mqttPort();
            List<Socket> held = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    held.add(new Socket("127.0.0.1", mqtt));
                }
                // Connections are accepted on several loops, so which one is the sixth is up to them.
                int closed = 0;
                for (java.util.Iterator<Socket> it = held.iterator(); it.hasNext(); ) {
                    Socket s = it.next();
                    if (closedWithin(s, 1_000)) {
                        closed++;
                        s.close();
                        it.remove();
                    }
                }
                assertEquals(1, closed, "one of six connections is closed at once");
                held.remove(0).close();
                Socket again = null;
                for (int tries = 0; tries < 50; tries++) {
                    Socket s = new Socket("127.0.0.1", iot.endpoints().httpPort());
                    if (!closedWithin(s, 200)) {
                        again = s;
                        break;
                    }
                    s.close();
                }
                assertEquals(true, again != null, "a connection is accepted once one has closed");
                again.close();
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }
}
