package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The AWS SDK for JavaScript v3 {@code @aws-sdk/client-iot-data-plane} against the data plane (dataplane.mjs). */
class DataPlaneJsTest {

    @Test
    void the_javascript_sdk_publishes_reads_retained_messages_and_updates_gets_and_lists_shadows() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
                PahoClients.Client subscriber = PahoClients.overWebSocket(iot.endpoints(), "js-dataplane-sub")) {
            subscriber.paho.subscribe("js/dataplane", 1);
            NodeChecks.assertPasses("dataplane.mjs", 4, iot.endpoints(),
                    iot.endpoints().defaultCredentials().accessKeyId(),
                    iot.endpoints().defaultCredentials().secretAccessKey());
            PahoClients.Received received = subscriber.next();
            assertEquals("{\"from\":\"js\"}", new String(received.message().getPayload(), StandardCharsets.UTF_8));
        }
    }
}
