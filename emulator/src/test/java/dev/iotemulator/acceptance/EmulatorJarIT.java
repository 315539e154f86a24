package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The runnable jar as users start it ({@code java -jar emulator/target/iot-emulator.jar}): it prints one block with
 * every endpoint and a presigned URL that a real client can use as printed, answers its health check, and shuts
 * down cleanly on SIGTERM: a log line, then exit code 0. Runs after packaging (Failsafe).
 */
class EmulatorJarIT {

    @Test
    void the_jar_prints_working_endpoints_and_stops_cleanly_on_sigterm() throws Exception {
        Path jar = EmulatorJar.path();
        Path stderr = Files.createTempFile("iot-emulator", ".err");
        Path data = Files.createTempDirectory("iot-emulator-data");
        Process process = new ProcessBuilder(EmulatorJar.javaBinary(), "-jar", jar.toString(), "--http-port", "0",
                "--mqtt-port", "0", "--https-port", "0", "--mqtts-port", "0", "--data-dir", data.toString())
                .redirectError(stderr.toFile())
                .start();
        try {
            List<String> banner = EmulatorJar.readBanner(process);
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
            Process health = new ProcessBuilder(EmulatorJar.javaBinary(), "-jar", jar.toString(), "health", "--http-port", port)
                    .redirectErrorStream(true).start();
            assertTrue(health.waitFor(30, TimeUnit.SECONDS), "health check hung");
            assertEquals(0, health.exitValue(), new String(health.getInputStream().readAllBytes()));

            assertTrue(joined.contains("CA certificate       " + data.resolve("ca").resolve("root-ca.pem")), joined);
            String mqtts = EmulatorJar.endpoint(banner, "MQTT over TLS", "ssl://");
            Path out = Files.createTempDirectory("iot-emulator-device");
            Process create = new ProcessBuilder(EmulatorJar.javaBinary(), "-jar", jar.toString(), "create-certificate",
                    "--http-port", port, "--thing", "jar-thing", "--policy", "AllowEverything", "--out",
                    out.toString()).redirectErrorStream(true).start();
            assertTrue(create.waitFor(30, TimeUnit.SECONDS), "create-certificate hung");
            String created = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, create.exitValue(), created);
            String id = created.lines().filter(l -> l.startsWith("certificateId")).findFirst().orElseThrow()
                    .substring("certificateId".length()).trim();
            Path cert = out.resolve(id.substring(0, 10) + "-certificate.pem.crt");
            Path key = out.resolve(id.substring(0, 10) + "-private.pem.key");
            dev.iotemulator.DeviceCertificate device = new dev.iotemulator.DeviceCertificate(id, "",
                    Files.readString(cert), "", Files.readString(key));
            try (PahoClients.Client client = PahoClients.connectTls(mqtts, "jar-thing",
                    TlsMaterial.socketFactory(out.resolve("iot-emulator-root-ca.pem"), device))) {
                client.paho.subscribe("banner/tls", 1);
                client.paho.publish("banner/tls", "mtls".getBytes(StandardCharsets.UTF_8), 1, false);
                assertEquals("mtls", new String(client.next().message().getPayload(), StandardCharsets.UTF_8));
            }
        } finally {
            process.destroy();
        }
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "the emulator did not stop within 15 s of SIGTERM");
        String log = Files.readString(stderr);
        assertEquals(0, process.exitValue(), "exit code after SIGTERM (docker stop); log:\n" + log);
        assertFalse(log.contains("Exception"), "clean shutdown, but the log has an exception:\n" + log);
        assertTrue(log.contains("event=started"), log);
        assertTrue(log.contains("event=stopped cause=SIGTERM"), "no shutdown log line:\n" + log);
    }
}
