package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.testing.RawHttp;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** What a client sends cannot forge log lines: a newline in a client id or a query value is logged escaped. */
class LogEscapingTest {

    /** Runs {@code action} with System.err captured, until a line satisfying {@code until} has been written. */
    static String stderrOf(ThrowingRunnable action, Predicate<String> until) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!until.test(captured.toString(StandardCharsets.UTF_8)) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            return captured.toString(StandardCharsets.UTF_8);
        } finally {
            System.setErr(original);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void a_client_id_with_a_newline_is_logged_escaped() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
            String log = stderrOf(() -> {
                try (Socket socket = new Socket("127.0.0.1", iot.endpoints().mqttPort())) {
                    socket.getOutputStream().write(connectWithWrongSecret("evil\nevent=forged level=ERROR"));
                    new DataInputStream(socket.getInputStream()).readUnsignedByte(); // CONNACK (refused)
                }
            }, l -> l.contains("BAD_PASSWORD"));
            assertTrue(log.contains("clientId=evil\\nevent=forged level=ERROR"), log);
            assertFalse(log.lines().anyMatch(line -> line.startsWith("event=forged")), log);
        }
    }

    @Test
    void a_newline_in_a_query_value_is_logged_escaped() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build())) {
            int port = iot.endpoints().httpPort();
            String log = stderrOf(() -> RawHttp.upgrade(port, "/mqtt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                    + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fiotdevicegateway%2Faws4_request"
                    + "&X-Amz-Date=x%0Aevent%3Dforged&X-Amz-SignedHeaders=host&X-Amz-Signature=00",
                    "127.0.0.1:" + port), l -> l.contains("MALFORMED_DATE"));
            assertTrue(log.contains("x\\nevent=forged"), log);
            assertFalse(log.lines().anyMatch(line -> line.startsWith("event=forged")), log);
        }
    }

    /** An MQTT 3.1.1 CONNECT with the given client id, logging in as a known access key with a wrong secret. */
    static byte[] connectWithWrongSecret(String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, (byte) 0xC2, 0, 60});
        for (String field : new String[] {clientId, "AKIAIOSFODNN7EXAMPLE", "wrong"}) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            body.write(bytes.length >> 8);
            body.write(bytes.length);
            body.writeBytes(bytes);
        }
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(0x10);
        packet.write(body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }
}
