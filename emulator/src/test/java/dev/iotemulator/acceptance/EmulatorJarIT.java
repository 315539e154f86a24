package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as users start it ({@code java -jar emulator/target/iot-emulator.jar}): it prints one block with
 * every endpoint and a presigned URL that a real client can use as printed, answers its health check, and shuts
 * down cleanly on SIGTERM. Runs after packaging (Failsafe).
 */
class EmulatorJarIT {

    @Test
    void the_jar_prints_working_endpoints_and_stops_cleanly_on_sigterm() throws Exception {
        Path jar = Path.of(System.getProperty("iotemulator.jar", "target/iot-emulator.jar"));
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar.toAbsolutePath());
        Path stderr = Files.createTempFile("iot-emulator", ".err");
        Process process = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "--http-port", "0",
                "--mqtt-port", "0")
                .redirectError(stderr.toFile())
                .start();
        try {
            List<String> banner = readBanner(process);
            String joined = String.join("\n", banner);
            assertTrue(banner.get(0).startsWith("AWS IoT Core emulator "), joined);
            assertTrue(joined.contains("MQTT over WebSocket  ws://127.0.0.1:"), joined);
            assertTrue(joined.contains("MQTT over TCP        tcp://127.0.0.1:"), joined);
            assertTrue(joined.contains("Region               us-east-1"), joined);
            assertTrue(joined.contains("embedded default configuration"), joined);
            String presigned = banner.get(banner.size() - 1).trim();
            assertTrue(presigned.startsWith("ws://127.0.0.1:") && presigned.contains("X-Amz-Signature="), presigned);

            try (PahoClients.Client client = PahoClients.connect(presigned, "from-the-banner")) {
                client.paho.subscribe("banner/test", 1);
                client.paho.publish("banner/test", "it works".getBytes(StandardCharsets.UTF_8), 1, false);
                assertEquals("it works", new String(client.next().message().getPayload(), StandardCharsets.UTF_8));
            }

            String port = presigned.substring("ws://127.0.0.1:".length(), presigned.indexOf("/mqtt"));
            Process health = new ProcessBuilder(javaBinary(), "-jar", jar.toString(), "health", "--http-port", port)
                    .redirectErrorStream(true).start();
            assertTrue(health.waitFor(30, TimeUnit.SECONDS), "health check hung");
            assertEquals(0, health.exitValue(), new String(health.getInputStream().readAllBytes()));
        } finally {
            process.destroy();
        }
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the emulator did not stop within 15 s of SIGTERM");
        assertEquals(143, process.exitValue(), "exit code after SIGTERM");
        String log = Files.readString(stderr);
        assertFalse(log.contains("Exception"), "clean shutdown, but the log has an exception:\n" + log);
        assertTrue(log.contains("event=started"), log);
    }

    private static List<String> readBanner(Process process) throws Exception {
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

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
