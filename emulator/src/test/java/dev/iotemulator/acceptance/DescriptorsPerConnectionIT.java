package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What an MQTT connection costs the emulator process in file descriptors, counted in {@code /proc/<pid>/fd}: one, its
 * socket. The broker runs in-process over in-JVM channels, so a connection no longer holds a second socket to it (a
 * relay through a broker port cost three descriptors per connection).
 */
class DescriptorsPerConnectionIT {

    private static final int CONNECTIONS = 50;

    @Test
    void each_mqtt_connection_costs_the_emulator_one_descriptor() throws Exception {
        List<Socket> clients = new ArrayList<>();
        try (EmulatorJar.Running jar = EmulatorJar.start(List.of("--http-port", "0", "--mqtt-port", "0",
                "--https-port", "-1", "--mqtts-port", "-1"))) {
            URI tcp = URI.create(EmulatorJar.endpoint(jar.banner(), "MQTT over TCP", "tcp://"));
            Process process = jar.process();
            // A few first, so that whatever the first connections create once (event loops put to work) is not
            // counted as the cost of a connection.
            for (int i = 0; i < 4; i++) {
                clients.add(connected(tcp, "warm-up-" + i));
            }
            long before = descriptors(process.pid());
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(connected(tcp, "counted-" + i));
            }
            long added = descriptors(process.pid()) - before;
            assertTrue(added >= CONNECTIONS && added <= CONNECTIONS + 5, CONNECTIONS + " MQTT connections added "
                    + added + " descriptors to the emulator process; expected one each");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }
    }

    /** A raw MQTT 3.1.1 connection that has its CONNACK. */
    private static Socket connected(URI tcp, String clientId) throws IOException {
        Socket socket = new Socket(tcp.getHost(), tcp.getPort());
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(TcpMqttTest.connect(clientId));
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertEquals(0x20, in.readUnsignedByte(), "a CONNACK for " + clientId);
        in.readNBytes(3);
        return socket;
    }

    private static long descriptors(long pid) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return fds.count();
        }
    }
}
