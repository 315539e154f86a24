package dev.iotemulator.acceptance;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import org.junit.jupiter.api.Test;

/** The AWS broker semantics as mqtt.js 5 sees them over a presigned WebSocket (checks in semantics.mjs). */
class MqttJsSemanticsTest {

    @Test
    void mqtt_js_sees_aws_retained_matching_and_qos_rules() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            NodeChecks.assertPasses("semantics.mjs", 5, iot.endpoints(),
                    iot.endpoints().defaultCredentials().accessKeyId(),
                    iot.endpoints().defaultCredentials().secretAccessKey());
        }
    }
}
