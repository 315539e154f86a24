package dev.iotemulator.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;

/** The presigner signs a Host header; this checks that Paho really sends that one, on the wire. */
class PahoHostHeaderTest {

    @Test
    void paho_sends_the_host_and_query_the_presigner_signed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<String[]> request = CompletableFuture.supplyAsync(() -> readRequest(server));
            var presigner = new SigV4WebSocketPresigner("AKIAIOSFODNN7EXAMPLE", "secret", "token", "us-east-1");
            String url = presigner.presign("ws", "LocalHost", server.getLocalPort(), Instant.now()).toString();

            try (MqttClient client = new MqttClient(url, "host-header-probe", new MemoryPersistence())) {
                MqttConnectOptions options = new MqttConnectOptions();
                options.setConnectionTimeout(2);
                client.connect(options);
            } catch (Exception expected) {
                // the fake server never completes the handshake
            }

            String[] lines = request.get(5, TimeUnit.SECONDS);
            assertEquals("GET " + url.substring(url.indexOf("/mqtt")) + " HTTP/1.1", lines[0]);
            assertEquals("Host: " + SigV4WebSocketPresigner.pahoHostHeader("localhost", server.getLocalPort()),
                    lines[1]);
        }
    }

    private static String[] readRequest(ServerSocket server) {
        try (Socket socket = server.accept()) {
            var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return new String[] {in.readLine(), in.readLine()};
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
