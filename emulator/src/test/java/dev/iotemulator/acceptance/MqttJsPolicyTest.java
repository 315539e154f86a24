package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** IoT policy enforcement as mqtt.js 5 sees it over a presigned WebSocket (checks in policy.mjs). */
class MqttJsPolicyTest {

    @Test
    void mqtt_js_meets_connect_publish_and_subscribe_enforcement() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            Path dir = Path.of(System.getProperty("iotemulator.jsTestDir", "src/test/js")).toAbsolutePath();
            Process node = new ProcessBuilder("node", "policy.mjs",
                    iot.endpoints().host() + ":" + iot.endpoints().httpPort())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            boolean exited = node.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                node.destroyForcibly();
            }
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "node policy.mjs did not finish:\n" + output);
            assertEquals(0, node.exitValue(), output);
            assertEquals(5, output.lines().filter(l -> l.contains("\"ok\":true")).count(), output);
        }
    }
}
