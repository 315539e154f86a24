package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import dev.iotemulator.testing.CapturedOutput;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * A client configured for TLS ({@code wss://}, {@code ssl://}; Amplify always is) that is pointed at a plain port
 * starts a TLS handshake there. The emulator recognises the ClientHello, closes the connection and logs, once per
 * client address, which port to use instead. The client here is the JDK's own TLS.
 */
@IotEmulatorTest
class TlsOnPlainPortTest {

    @Test
    void a_tls_handshake_on_the_http_port_is_closed_and_logged_once_with_the_https_port_to_use(IotEmulator iot)
            throws Exception {
        int httpPort = iot.endpoints().httpPort();
        assertThrows(IOException.class, () -> handshake(iot, httpPort));
        assertThrows(IOException.class, () -> handshake(iot, httpPort));

        List<String> lines = awaitLogLines("listener=HTTP/WebSocket");
        assertEquals(1, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(0).contains("wss:// and https:// on the HTTPS/WSS port " + iot.endpoints().httpsPort()),
                lines.get(0));
        assertTrue(lines.get(0).contains("ws:// and http:// on port " + httpPort), lines.get(0));
    }

    @Test
    void a_tls_handshake_on_the_mqtt_port_is_closed_and_logged_with_the_tls_ports_to_use(IotEmulator iot) {
        assertThrows(IOException.class, () -> handshake(iot, iot.endpoints().mqttPort()));

        String line = awaitLogLines("listener=MQTT").get(0);
        assertTrue(line.contains("ssl:// with a client certificate on the MQTT/TLS port "
                + iot.endpoints().mqttsPort()), line);
        assertTrue(line.contains("wss:// with SigV4 on the HTTPS/WSS port " + iot.endpoints().httpsPort()), line);
    }

    private static void handshake(IotEmulator iot, int port) throws Exception {
        SSLContext tls = TlsMaterial.trusting(iot.endpoints().caCertificateFile().orElseThrow());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(new Socket("127.0.0.1", port),
                "localhost", port, true)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
        }
    }

    private static List<String> awaitLogLines(String listener) {
        Await.until(() -> !lines(listener).isEmpty(), Duration.ofSeconds(10),
                () -> "no event=tls_on_plain_port line for " + listener + " in:\n" + CapturedOutput.ofCurrentScope());
        return lines(listener);
    }

    private static List<String> lines(String listener) {
        return CapturedOutput.ofCurrentScope().lines()
                .filter(l -> l.contains("event=tls_on_plain_port") && l.contains(listener + " ")).toList();
    }
}
