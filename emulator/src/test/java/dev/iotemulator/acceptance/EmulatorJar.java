package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The runnable jar as the integration tests start it: the same JVM as the tests, its banner read line by line. */
final class EmulatorJar {

    private EmulatorJar() {
    }

    /** The jar Failsafe was given ({@code iotemulator.jar}), which must exist. */
    static Path path() {
        Path jar = Path.of(System.getProperty("iotemulator.jar", "target/iot-emulator.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
        return jar;
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The banner's lines, up to the presigned URL that ends it; fails if the process exits first. */
    static List<String> readBanner(Process process) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = reader.readLine()) != null) {
            lines.add(line);
            if (line.trim().startsWith("ws://") && line.contains("X-Amz-Signature")) {
                return lines;
            }
        }
        throw new AssertionError("the emulator exited before printing its banner; output so far: " + lines);
    }

    /** Options for a jar on free ports, without TLS and plain MQTT/TCP, for tests that need only HTTP. */
    static final List<String> HTTP_ONLY = List.of("--http-port", "0", "--mqtt-port", "-1", "--https-port", "-1",
            "--mqtts-port", "-1");

    /**
     * Starts {@code java -jar iot-emulator.jar <options>} and waits for its banner. Unless the options name one, the
     * jar gets a data directory of its own, deleted when it stops: never the user's {@code ~/.iot-emulator}.
     */
    static Running start(List<String> options) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", path().toString()));
        command.addAll(options);
        Path dataDir = null;
        if (!options.contains("--data-dir")) {
            dataDir = Files.createTempDirectory("iot-emulator-data");
            command.addAll(List.of("--data-dir", dataDir.toString()));
        }
        Path stderr = Files.createTempFile("iot-emulator", ".err");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            return new Running(process, readBanner(process), stderr, dataDir);
        } catch (IOException | RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /**
     * A jar started by a test; closing it stops the process (SIGTERM, then SIGKILL after 15 s) and deletes the data
     * directory made for it.
     */
    record Running(Process process, List<String> banner, Path stderr, Path dataDir) implements AutoCloseable {

        /** {@code http://127.0.0.1:<port>}, from the banner. */
        String http() {
            return endpoint(banner, "HTTP ", "http://");
        }

        /** {@code 127.0.0.1:<port>} of the HTTP and WebSocket listener. */
        String hostAndPort() {
            return http().substring("http://".length());
        }

        /** The emulator's log so far, for failure messages. */
        String log() {
            try {
                return Files.readString(stderr);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        @Override
        public void close() throws InterruptedException, IOException {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(stderr);
            if (dataDir != null) {
                try (Stream<Path> files = Files.walk(dataDir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    /** The address on the banner line that starts with {@code label}, from its {@code scheme} on. */
    static String endpoint(List<String> banner, String label, String scheme) {
        return banner.stream().map(String::trim).filter(l -> l.startsWith(label)).findFirst()
                .map(l -> {
                    int from = l.indexOf(scheme);
                    int to = l.indexOf(' ', from);
                    return to < 0 ? l.substring(from) : l.substring(from, to);
                })
                .orElseThrow(() -> new AssertionError("no banner line " + label + ": " + banner));
    }
}
