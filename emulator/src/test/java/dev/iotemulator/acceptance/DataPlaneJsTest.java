package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The AWS SDK for JavaScript v3 {@code @aws-sdk/client-iot-data-plane} against the data plane (dataplane.mjs). */
class DataPlaneJsTest {

    @Test
    void the_javascript_sdk_publishes_reads_retained_messages_and_updates_gets_and_lists_shadows() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                PahoClients.Client subscriber = PahoClients.overWebSocket(iot.endpoints(), "js-dataplane-sub")) {
            subscriber.paho.subscribe("js/dataplane", 1);
            Path dir = Path.of(System.getProperty("iotemulator.jsTestDir", "src/test/js")).toAbsolutePath();
            Process node = new ProcessBuilder("node", "dataplane.mjs",
                    iot.endpoints().host() + ":" + iot.endpoints().httpPort(),
                    iot.endpoints().defaultCredentials().accessKeyId(),
                    iot.endpoints().defaultCredentials().secretAccessKey())
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            boolean exited = node.waitFor(60, TimeUnit.SECONDS);
            if (!exited) {
                node.destroyForcibly();
            }
            String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(exited, "node dataplane.mjs did not finish:\n" + output);
            assertEquals(0, node.exitValue(), output);
            assertEquals(4, output.lines().filter(l -> l.contains("\"ok\":true")).count(), output);
            PahoClients.Received received = subscriber.next();
            assertEquals("{\"from\":\"js\"}", new String(received.message().getPayload(), StandardCharsets.UTF_8));
        }
    }
}
