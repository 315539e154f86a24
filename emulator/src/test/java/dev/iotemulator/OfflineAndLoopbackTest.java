package dev.iotemulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
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

    /** A TCP socket from /proc/net/tcp{,6}. */
    record Socket(String local, String remote, int state, long inode) {
        boolean listening() {
            return state == 0x0A;
        }

        int localPort() {
            return Integer.parseInt(local.substring(local.indexOf(':') + 1), 16);
        }

        boolean localIsLoopback() {
            return isLoopback(local.substring(0, local.indexOf(':')));
        }

        boolean remoteIsLoopback() {
            String addr = remote.substring(0, remote.indexOf(':'));
            return isLoopback(addr) || addr.matches("0+");
        }

        private static boolean isLoopback(String hex) {
            if (hex.length() == 8) {
                return hex.endsWith("7F");
            }
            return hex.equals("00000000000000000000000001000000")
                    || (hex.startsWith("0000000000000000FFFF0000") && hex.endsWith("7F"));
        }
    }

    static List<Socket> socketsOfThisProcess() throws IOException {
        Set<Long> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException gone) {
                    // the descriptor closed while we listed it
                }
            }
        }
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                long inode = Long.parseLong(f[9]);
                if (inodes.contains(inode)) {
                    sockets.add(new Socket(f[1], f[2], Integer.parseInt(f[3], 16), inode));
                }
            }
        }
        assertFalse(sockets.isEmpty(), "found none of this process's sockets in /proc/net/tcp*");
        return sockets;
    }
}
