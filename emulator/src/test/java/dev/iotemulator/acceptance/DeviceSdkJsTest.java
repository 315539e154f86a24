package dev.iotemulator.acceptance;

import dev.iotemulator.Credentials;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS IoT Device SDKs for JavaScript, v1 ({@code aws-iot-device-sdk}, {@code wss://} only) and v2
 * ({@code aws-iot-device-sdk-v2}, aws-crt), over TLS with the emulator's CA trusted: each connects, subscribes,
 * publishes and receives its own message ({@code device-sdk-v1.mjs}, {@code device-sdk-v2.mjs}).
 */
@IotEmulatorTest
class DeviceSdkJsTest {

    static IotEmulator iot;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
    }


    @Test
    void javascript_sdk_v1_over_wss_with_sigv4() throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        NodeChecks.assertPasses("device-sdk-v1.mjs", 5, https(), ca(), key.accessKeyId(), key.secretAccessKey(),
                "us-east-1");
    }

    @Test
    void javascript_sdk_v1_over_wss_with_temporary_credentials() throws Exception {
        NodeChecks.assertPasses("device-sdk-v1.mjs", 5, https(), ca(), "ASIAIOSFODNN7EXAMPLE",
                "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY", "us-east-1", "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==");
    }

    @Test
    void javascript_sdk_v2_over_wss_with_sigv4() throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        NodeChecks.assertPasses("device-sdk-v2.mjs", 5, https(), "wss", ca(), key.accessKeyId(),
                key.secretAccessKey(), "us-east-1");
    }

    @Test
    void javascript_sdk_v2_with_a_device_certificate_over_mutual_tls() throws Exception {
        DeviceCertificate.Files files = iot.createDeviceCertificate(null, "AllowEverything").writeTo(dir);
        NodeChecks.assertPasses("device-sdk-v2.mjs", 5, "localhost:" + iot.endpoints().mqttsPort(), "mtls", ca(),
                files.certificate().toString(), files.privateKey().toString());
    }

    private static String https() {
        return "localhost:" + iot.endpoints().httpsPort();
    }

    private static String ca() {
        return iot.endpoints().caCertificateFile().orElseThrow().toString();
    }
}
