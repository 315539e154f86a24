package dev.iotemulator.bench;

import dev.iotemulator.sample.SigV4WebSocketPresigner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A broker process this harness started on loopback, with the time it took from process start to ready (scenario e).
 * Closing it stops the process; a shutdown hook does the same if the harness is interrupted.
 */
final class RunningBroker implements AutoCloseable {

    static final String HOST = "127.0.0.1";
    private static final Pattern ENDPOINT = Pattern.compile("(ws|tcp)://127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern READY_IN = Pattern.compile("ready in (\\d+) ms");
    /** A JVM broker that has printed nothing useful by then is stuck (start-up normally takes about a second). */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** The default key of the emulator's embedded configuration (AWS's documentation example, not a secret). */
    private static final String ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final SigV4WebSocketPresigner PRESIGNER = new SigV4WebSocketPresigner(ACCESS_KEY_ID,
            SECRET_ACCESS_KEY, null, "us-east-1");

    final BrokerUnderTest broker;
    final double startupMillis;
    final String startupNote;
    private final Process process;
    private final Thread hook;

    private RunningBroker(BrokerUnderTest broker, Process process, double startupMillis, String startupNote) {
        this.broker = broker;
        this.process = process;
        this.startupMillis = startupMillis;
        this.startupNote = startupNote;
        this.hook = new Thread(process::destroyForcibly, "stop-" + broker.name());
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts the emulator jar on free ports; ready when the banner's last line (a presigned URL) is printed. The TLS
     * listeners are turned off: TLS is not measured, and their default ports are fixed (8443, 8883) and could be
     * taken. Each emulator gets a data directory of its own in {@code logDir}: the jar keeps durable state there by
     * default, and one data directory takes one emulator at a time (the policy comparison runs two at once).
     *
     * @param name the broker's name in the table and in its log files' names
     * @param configDir passed as {@code --config-dir}; null for the configuration embedded in the jar
     */
    static RunningBroker emulator(String name, Path jar, List<String> javaOptions, Path logDir, Path configDir)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "--http-port", "0", "--mqtt-port", "0", "--https-port", "-1",
                "--mqtts-port", "-1", "--bind", HOST, "--data-dir", logDir.resolve(name + "-data").toString()));
        if (configDir != null) {
            command.addAll(List.of("--config-dir", configDir.toString()));
        }
        Path stderr = logDir.resolve(name + ".stderr.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        // Every option has an IOT_EMULATOR_* variable; one left in the caller's environment (a config directory, a
        // data directory) would change what is measured.
        builder.environment().keySet().removeIf(v -> v.startsWith("IOT_EMULATOR_"));
        long start = System.nanoTime();
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        Path stdout = logDir.resolve(name + ".stdout.log");
        int wsPort = -1;
        int tcpPort = -1;
        String internal = "";
        boolean presignedNext = false;
        String line;
        StringBuilder banner = new StringBuilder();
        CompletableFuture<Void> watchdog = killAfter(process, READY_TIMEOUT);
        while ((line = out.readLine()) != null) {
            banner.append(line).append('\n');
            Matcher ready = READY_IN.matcher(line);
            if (ready.find()) {
                internal = "emulator's own figure " + ready.group(1) + " ms; ";
            }
            if (presignedNext) {
                break;
            }
            if (line.contains("Presigned URL")) {
                presignedNext = true;
                continue;
            }
            Matcher m = ENDPOINT.matcher(line);
            if (m.find() && wsPort < 0 && m.group(1).equals("ws")) {
                wsPort = Integer.parseInt(m.group(2));
            } else if (m.find(0) && tcpPort < 0 && m.group(1).equals("tcp")) {
                tcpPort = Integer.parseInt(m.group(2));
            }
        }
        watchdog.cancel(false);
        double millis = (System.nanoTime() - start) / 1e6;
        Files.writeString(stdout, banner);
        drain(out, stdout);
        if (wsPort < 0 || tcpPort < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("the emulator printed no ws:// and tcp:// endpoints; see " + logDir
                    + "/" + name + ".*.log");
        }
        int port = wsPort;
        BrokerUnderTest broker = new BrokerUnderTest(name,
                Endpoint.webSocket(HOST, wsPort, () -> PRESIGNER.presign("ws", HOST, port, Instant.now())),
                Endpoint.tcp(HOST, tcpPort), process.pid(), true);
        return new RunningBroker(broker, process, millis, internal + "JVM start included");
    }

    /**
     * Writes a configuration directory whose only credential is the default key without a {@code policies} field, so
     * that key is not subject to IoT policies (the emulator still verifies every SigV4 signature: that cannot be
     * turned off). The embedded default configuration attaches {@code AllowEverything} to the same key instead.
     */
    static Path writeConfigWithoutPolicies(Path directory) throws IOException {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve("credentials.json"), String.join("\n",
                "{",
                "  \"credentials\": [",
                "    {",
                "      \"name\": \"default\",",
                "      \"accessKeyId\": \"" + ACCESS_KEY_ID + "\",",
                "      \"secretAccessKey\": \"" + SECRET_ACCESS_KEY + "\"",
                "    }",
                "  ]",
                "}",
                ""));
        return directory;
    }

    /**
     * Whether the emulator's log says IoT policies are not enforced for the default key: it logs
     * {@code event=policies_not_enforced} at start-up for every credential without a {@code policies} field. Empty when
     * the log says nothing either way (e.g. a log level above INFO).
     */
    java.util.Optional<Boolean> logSaysPoliciesOff(Path logDir) {
        Path stderr = logDir.resolve(broker.name() + ".stderr.log");
        try {
            String log = Files.readString(stderr);
            if (log.contains("event=policies_not_enforced principal=" + ACCESS_KEY_ID)) {
                return java.util.Optional.of(true);
            }
            return log.contains("event=started") ? java.util.Optional.of(false) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** Starts Mosquitto with a plain listener beside the websockets one; ready when both ports accept. */
    static RunningBroker mosquitto(String binary, Path logDir) throws IOException {
        int tcpPort = freePort();
        int wsPort = freePort();
        Path conf = logDir.resolve("mosquitto.conf");
        Files.writeString(conf, String.join("\n",
                "# Written by the benchmark. Mosquitto refuses to start with only a websockets listener.",
                "listener " + tcpPort + " " + HOST, "protocol mqtt",
                "listener " + wsPort + " " + HOST, "protocol websockets",
                "allow_anonymous true", "persistence false", "log_dest stderr", "log_type error", "log_type warning",
                ""));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(binary, "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(logDir.resolve("mosquitto.log").toFile()).start();
        long deadline = start + TimeUnit.SECONDS.toNanos(20);
        while (!(accepts(tcpPort) && accepts(wsPort))) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("mosquitto did not open ports " + tcpPort + "/" + wsPort
                        + "; see " + logDir.resolve("mosquitto.log"));
            }
            sleep(2);
        }
        double millis = (System.nanoTime() - start) / 1e6;
        int port = wsPort;
        // Mosquitto ignores the query string, so the very URLs that authenticate against the emulator work here.
        BrokerUnderTest broker = new BrokerUnderTest("mosquitto",
                Endpoint.webSocket(HOST, wsPort, () -> PRESIGNER.presign("ws", HOST, port, Instant.now())),
                Endpoint.tcp(HOST, tcpPort), process.pid(), false);
        return new RunningBroker(broker, process, millis, "both listeners accepting, polled every 2 ms");
    }

    /**
     * Starts {@link BareMoquette} from this harness's own class path, in a JVM of its own with the emulator's JVM
     * options; ready when it prints its ready line, which carries both ports. Moquette 0.17's WebSocket listener takes
     * only the exact path {@code /mqtt}, so this broker gets plain, unsigned WebSocket URLs.
     */
    static RunningBroker moquette(String name, List<String> javaOptions, Path logDir) throws IOException {
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareMoquette.class.getName()));
        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectError(logDir.resolve(name + ".stderr.log").toFile())
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String ready = readUntil(process, out, line -> line.startsWith(BareMoquette.READY_PREFIX), READY_TIMEOUT,
                seen);
        double millis = (System.nanoTime() - start) / 1e6;
        Path stdout = logDir.resolve(name + ".stdout.log");
        Files.writeString(stdout, seen);
        drain(out, stdout);
        int tcpPort = -1;
        int wsPort = -1;
        Matcher m = ENDPOINT.matcher(ready == null ? "" : ready);
        while (m.find()) {
            if (m.group(1).equals("ws")) {
                wsPort = Integer.parseInt(m.group(2));
            } else {
                tcpPort = Integer.parseInt(m.group(2));
            }
        }
        if (wsPort < 0 || tcpPort < 0) {
            process.destroyForcibly();
            throw new IllegalStateException("bare Moquette printed no ready line within " + READY_TIMEOUT.toSeconds()
                    + " s; see " + logDir + "/" + name + ".*.log");
        }
        BrokerUnderTest broker = new BrokerUnderTest(name, Endpoint.plainWebSocket(HOST, wsPort),
                Endpoint.tcp(HOST, tcpPort), process.pid(), true);
        return new RunningBroker(broker, process, millis, "ready line printed, JVM start included");
    }

    /**
     * Reads lines into {@code seen} until one matches, the stream ends, or {@code timeout} passes (then the process is
     * killed, which ends the stream); answers the matching line or null.
     */
    private static String readUntil(Process process, BufferedReader out, Predicate<String> match, Duration timeout,
            StringBuilder seen) throws IOException {
        CompletableFuture<Void> watchdog = killAfter(process, timeout);
        try {
            String line;
            while ((line = out.readLine()) != null) {
                seen.append(line).append('\n');
                if (match.test(line)) {
                    return line;
                }
            }
            return null;
        } finally {
            watchdog.cancel(false);
        }
    }

    /** Kills the process after {@code timeout} unless the answer is cancelled first: bounds a blocking read. */
    private static CompletableFuture<Void> killAfter(Process process, Duration timeout) {
        CompletableFuture<Void> watchdog = new CompletableFuture<>();
        watchdog.completeOnTimeout(null, timeout.toMillis(), TimeUnit.MILLISECONDS).thenRun(process::destroyForcibly);
        return watchdog;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or has run; the process is gone either way.
        }
    }

    private static void drain(BufferedReader out, Path file) {
        Thread t = new Thread(() -> {
            try (var w = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND)) {
                String l;
                while ((l = out.readLine()) != null) {
                    w.write(l);
                    w.newLine();
                }
            } catch (IOException ignored) {
                // The process ended.
            }
        }, "drain-broker-stdout");
        t.setDaemon(true);
        t.start();
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
