package dev.iotemulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import dev.iotemulator.testing.ProcSockets;
import dev.iotemulator.testing.ProcSockets.Socket;
import org.junit.jupiter.api.Test;

/**
 * The emulator is an offline tool: Moquette's telemetry (on by default, and calling out to the internet) is off,
 * and nothing listens beyond loopback unless a bind address says so. Sockets are read from the kernel's own tables
 * for this process, not from the emulator's word.
 */
class OfflineAndLoopbackTest {

    @Test
    void the_embedded_broker_runs_with_telemetry_and_persistence_off_on_loopback() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            Properties effective = iot.broker().effectiveProperties();
            assertEquals("false", effective.getProperty("telemetry_enabled"));
            assertEquals("false", effective.getProperty("persistence_enabled"));
            assertEquals("127.0.0.1", effective.getProperty("host"));
            assertEquals("disabled", effective.getProperty("port"), "Moquette binds no socket; links are in-process");
            for (String listener : List.of("websocket_port", "ssl_port", "secure_websocket_port")) {
                assertEquals(null, effective.getProperty(listener), listener);
            }

            MqttClient client = new MqttClient(iot.endpoints().presignedWebSocketUri().toString(), "offline-check",
                    new MemoryPersistence());
            client.connect();
            client.disconnect();
            client.close();

            try (Stream<Path> files = Files.walk(iot.broker().dataDirectory())) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().equals(".moquette_uuid")),
                        "Moquette's telemetry writes .moquette_uuid before calling home; it must not exist");
            }
            for (Socket s : socketsOfThisProcess()) {
                if (s.listening()) {
                    assertTrue(s.localIsLoopback(), "listening beyond loopback: " + s);
                } else {
                    assertTrue(s.remoteIsLoopback(), "a connection left this machine: " + s);
                }
            }
        }
    }

    @Test
    void a_wildcard_bind_address_is_what_opens_the_listeners_beyond_loopback() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().bindAddress("0.0.0.0")
                .build())) {
            int http = iot.endpoints().httpPort();
            assertTrue(socketsOfThisProcess().stream()
                            .anyMatch(s -> s.listening() && s.localPort() == http && !s.localIsLoopback()),
                    "the check must see a wildcard listener when one is configured");
        }
    }

    static List<Socket> socketsOfThisProcess() throws IOException {
        List<Socket> sockets = ProcSockets.ofThisProcess();
        assertFalse(sockets.isEmpty(), "found none of this process's sockets in /proc/net/tcp*");
        return sockets;
    }
}
