package dev.iotemulator.bench;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * Moquette 0.17 alone, as the third broker of the side-by-side run: the same broker the emulator embeds, with the
 * emulator's settings, but anonymous, with its own TCP and WebSocket listeners and nothing in front of it. Comparing it
 * with the emulator shows what the emulator adds on top of its core; comparing it with Mosquitto shows what the core
 * itself costs.
 *
 * <p>Runs in its own JVM (started by {@link RunningBroker#moquette}) so {@code /proc} measures it alone. Prints one
 * line, {@code bare-moquette ready tcp://127.0.0.1:P ws://127.0.0.1:Q/mqtt in N ms}, once both listeners are bound,
 * then runs until the process is stopped or its parent, the harness, exits.
 */
public final class BareMoquette {

    static final String READY_PREFIX = "bare-moquette ready ";
    private static final int BIND_ATTEMPTS = 5;

    private BareMoquette() {
    }

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        configureLogging();
        Path dataDir = Files.createTempDirectory("bare-moquette");
        Started started = startOnFreePorts(dataDir);
        Server server = started.server();
        if (Files.exists(dataDir.resolve(".moquette_uuid"))) {
            // Moquette writes this file only when telemetry runs; telemetry calls the internet, which must not happen.
            server.stopServer();
            throw new IllegalStateException("Moquette's telemetry is on despite telemetry_enabled=false");
        }
        Thread hook = new Thread(() -> stop(server, dataDir), "bare-moquette-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        // If the harness dies without stopping this process (SIGKILL from run.sh's time-out), stop with it rather than
        // hold ports and two cores' worth of threads on a shared machine.
        CountDownLatch harnessGone = new CountDownLatch(1);
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(harnessGone::countDown));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(READY_PREFIX + "tcp://" + RunningBroker.HOST + ":" + started.tcpPort() + " ws://"
                + RunningBroker.HOST + ":" + started.wsPort() + "/mqtt in " + millis + " ms");
        System.out.flush();
        harnessGone.await();
        Runtime.getRuntime().removeShutdownHook(hook);
        stop(server, dataDir);
    }

    private static void stop(Server server, Path dataDir) {
        server.stopServer();
        deleteQuietly(dataDir);
    }

    /** A running broker and the ports it was given. */
    private record Started(Server server, int tcpPort, int wsPort) {
    }

    /**
     * Starts the broker on ports picked here: with {@code port=0} Moquette 0.17's {@code getPort()} usually answers 0
     * right after start, and it has no getter for the WebSocket port at all. A port can be taken between the pick and
     * the bind, so a failed bind is retried on fresh ports a few times.
     */
    private static Started startOnFreePorts(Path dataDir) throws IOException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int tcpPort = freePort();
            int wsPort = freePort();
            Server server = new Server();
            try {
                server.startServer(new MemoryConfig(properties(tcpPort, wsPort, dataDir)));
                return new Started(server, tcpPort, wsPort);
            } catch (RuntimeException e) {
                // Moquette has started its scheduler and session loops before the bind failed; stop them.
                last = e;
                server.stopServer();
            }
        }
        throw new IllegalStateException("Moquette could not bind after " + BIND_ATTEMPTS + " attempts", last);
    }

    /** The emulator's broker settings (EmbeddedBroker), except anonymous access and Moquette's own listeners. */
    static Properties properties(int tcpPort, int wsPort, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("host", RunningBroker.HOST);
        p.setProperty("port", Integer.toString(tcpPort));
        p.setProperty("websocket_port", Integer.toString(wsPort));
        p.setProperty("allow_anonymous", "true");
        p.setProperty("allow_zero_byte_client_id", "false");
        p.setProperty("persistence_enabled", "false");
        // Mandatory: with telemetry on, Moquette posts to a server on the internet at start.
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("data_path", dataDir.toString());
        p.setProperty("netty.mqtt.message_size", "140000");
        p.setProperty("session_queue_size", "262144");
        p.setProperty("buffer_flush_millis", "immediate");
        p.setProperty("persistent_client_expiration", "1h");
        p.setProperty("intercept.thread_pool.size", "1");
        p.setProperty("netty.channel_timeout.seconds", "10");
        return p;
    }

    /** The emulator's logging defaults: Moquette and Netty at WARN, to stderr; a -D option still wins. */
    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.log.io.moquette", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static int freePort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(RunningBroker.HOST))) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }
}
