package dev.iotemulator.fuzz;

import com.code_intelligence.jazzer.api.BugDetectors;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** What the wire fuzz tests share: sending bytes to a real emulator's port and checking it stays healthy. */
final class WireFuzzing {

    private static final int HEALTH_EVERY = 200;

    /** One emulator for a fuzz test class, on free ports, without TLS. */
    abstract static class OnARunningEmulator {
        static IotEmulator iot;

        @BeforeAll
        static void start() {
            iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
        }

        @AfterAll
        static void stop() {
            iot.close();
        }
    }
    private int executions;

    /**
     * Sends {@code bytes}, half-closes, and reads the answer until the emulator closes the connection (it does once it
     * sees the end of the input) or 10 s pass.
     */
    static byte[] exchange(int port, byte[] bytes) throws IOException {
        // Jazzer's SSRF detector objects to any connection; these go to the emulator on loopback, by design.
        BugDetectors.allowNetworkConnections((host, p) -> host.equals("localhost") || host.startsWith("127."));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) >= 0 && answer.size() < 1 << 20) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the emulator neither answered nor closed the connection within 10 s", e);
            } catch (java.net.SocketException e) {
                // reset by the emulator after its answer: fine
            }
            return answer.toByteArray();
        }
    }

    /** Every few executions: the emulator must still answer its health check with 200. */
    void checkHealthNowAndThen(IotEmulator iot) throws IOException {
        if (++executions % HEALTH_EVERY != 0) {
            return;
        }
        String answer = new String(exchange(iot.endpoints().httpPort(), ("GET /__emulator/health HTTP/1.1\r\nHost: "
                + "127.0.0.1\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                java.nio.charset.StandardCharsets.US_ASCII);
        if (!answer.startsWith("HTTP/1.1 200 ")) {
            throw new AssertionError("the emulator is no longer healthy after " + executions + " inputs: " + answer);
        }
    }
}
