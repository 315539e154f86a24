package dev.iotemulator.acceptance;

import dev.iotemulator.Credentials;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import org.junit.jupiter.api.Test;

/**
 * JavaScript MQTT 5 clients over a SigV4-presigned WebSocket: mqtt.js 5 with {@code protocolVersion: 5}
 * ({@code mqtt5.mjs}: CONNACK, properties, topic aliases both ways, message expiry, session expiry and resumption)
 * and the AWS IoT Device SDK for JavaScript v2's {@code mqtt5} client ({@code device-sdk-v2-mqtt5.mjs}).
 */
@IotEmulatorTest
class MqttJs5Test {

    @Test
    void mqtt_js_5_speaks_mqtt5_over_a_presigned_url(IotEmulator iot) throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        NodeChecks.assertPasses("mqtt5.mjs", 8, iot.endpoints(), key.accessKeyId(), key.secretAccessKey(),
                "us-east-1");
    }

    @Test
    void the_javascript_device_sdk_v2_mqtt5_client_round_trips_over_wss_with_sigv4(IotEmulator iot) throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        NodeChecks.assertPasses("device-sdk-v2-mqtt5.mjs", 6, "localhost:" + iot.endpoints().httpsPort(),
                iot.endpoints().caCertificateFile().orElseThrow().toString(), key.accessKeyId(),
                key.secretAccessKey(), "us-east-1");
    }

    @Test
    void the_javascript_device_sdk_v2_mqtt5_client_connects_with_temporary_credentials(IotEmulator iot)
            throws Exception {
        NodeChecks.assertPasses("device-sdk-v2-mqtt5.mjs", 6, "localhost:" + iot.endpoints().httpsPort(),
                iot.endpoints().caCertificateFile().orElseThrow().toString(), "ASIAIOSFODNN7EXAMPLE",
                "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "us-east-1", "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==");
    }
}
