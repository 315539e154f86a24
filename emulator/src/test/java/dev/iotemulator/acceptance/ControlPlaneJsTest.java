package dev.iotemulator.acceptance;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK for JavaScript v3 {@code @aws-sdk/client-iot}, unmodified, against the control plane, with mqtt.js as
 * the device ({@code src/test/js/control-plane.mjs}).
 */
class ControlPlaneJsTest {

    @Test
    void a_setup_script_with_the_javascript_sdk_creates_a_device_that_connects_pages_and_gets_aws_errors()
            throws Exception {
        try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
            NodeChecks.assertPasses("control-plane.mjs", 9, iot.endpoints(),
                    iot.endpoints().defaultCredentials().accessKeyId(),
                    iot.endpoints().defaultCredentials().secretAccessKey(),
                    Integer.toString(iot.endpoints().mqttsPort()),
                    iot.endpoints().caCertificateFile().orElseThrow().toString());
        }
    }
}
