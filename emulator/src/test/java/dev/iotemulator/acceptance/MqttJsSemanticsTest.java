package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The AWS broker semantics as mqtt.js 5 sees them over a presigned WebSocket (checks in semantics.mjs). */
class MqttJsSemanticsTest {

    @Test
    void mqtt_js_sees_aws_retained_matching_and_qos_rules() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            Path dir = Path.of(System.getProperty("iotemulator.jsTestDir", "src/test/js")).toAbsolutePath();
            Process node = new ProcessBuilder("node", "semantics.mjs",
                    iot.endpoints().host() + ":" + iot.endpoints().httpPort(),
                    iot.endpoints().defaultCredentials().accessKeyId(),
                    iot.endpoints().defaultCredentials().secretAccessKey())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            boolean exited = node.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                node.destroyForcibly();
            }
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "node semantics.mjs did not finish:\n" + output);
            assertEquals(0, node.exitValue(), output);
            assertEquals(5, output.lines().filter(l -> l.contains("\"ok\":true")).count(), output);
        }
    }
}
