package dev.iotemulator.acceptance;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import org.junit.jupiter.api.Test;

/** IoT policy enforcement as mqtt.js 5 sees it over a presigned WebSocket (checks in policy.mjs). */
class MqttJsPolicyTest {

    @Test
    void mqtt_js_meets_connect_publish_and_subscribe_enforcement() throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            NodeChecks.assertPasses("policy.mjs", 5, iot.endpoints());
        }
    }
}
