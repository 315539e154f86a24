package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.Credentials;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS IoT Device SDK for Java v2 (1.30.1, aws-crt) with its standard builders, changed only in endpoint, port
 * and CA: mutual TLS on the MQTTS port and, with ALPN {@code x-amzn-mqtt-ca}, on the HTTPS port (as on AWS's 443);
 * SigV4 over WSS; a certificate from another CA refused.
 */
@IotEmulatorTest
class DeviceSdkJavaTest {

    static IotEmulator iot;
    static DeviceCertificate.Files device;
    static String deviceId;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
        DeviceCertificate created = iot.createDeviceCertificate("sdk-java-thing", "AllowEverything");
        deviceId = created.certificateId();
        device = created.writeTo(dir.resolve("device"));
    }


    @Test
    void mutual_tls_with_a_certificate_created_by_the_emulator_round_trips() throws Exception {
        try (DeviceSdkClients.Connection c = DeviceSdkClients.mtls("localhost", iot.endpoints().mqttsPort(), ca(),
                device.certificate(), device.privateKey(), "sdk-java-thing")) {
            roundTrip(c, "sdk/java/mtls");
        }
        assertEquals(deviceId, iot.journal().entries().stream()
                .filter(e -> "sdk-java-thing".equals(e.clientId())).findFirst().orElseThrow().principal());
    }

    @Test
    void mutual_tls_on_the_https_port_is_chosen_by_the_sdks_alpn_as_on_port_443() throws Exception {
        try (DeviceSdkClients.Connection c = DeviceSdkClients.mtls("localhost", iot.endpoints().httpsPort(), ca(),
                device.certificate(), device.privateKey(), "sdk-java-thing")) {
            roundTrip(c, "sdk/java/alpn");
        }
    }

    @Test
    void websockets_with_sigv4_over_tls_round_trip() throws Exception {
        Credentials key = iot.endpoints().defaultCredentials();
        try (DeviceSdkClients.Connection c = DeviceSdkClients.webSocketSigV4("localhost", iot.endpoints().httpsPort(),
                ca(), "us-east-1", key.accessKeyId(), key.secretAccessKey(), null, "sdk-java-wss")) {
            roundTrip(c, "sdk/java/wss");
        }
    }

    @Test
    void temporary_credentials_over_wss_carry_the_session_token_after_signing() throws Exception {
        // The default configuration's temporary key; its token must arrive unsigned, as aws-crt sends it.
        try (DeviceSdkClients.Connection c = DeviceSdkClients.webSocketSigV4("localhost", iot.endpoints().httpsPort(),
                ca(), "us-east-1", "ASIAIOSFODNN7EXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==", "sdk-java-wss-temp")) {
            roundTrip(c, "sdk/java/wss-temp");
        }
    }

    @Test
    void a_certificate_from_another_ca_is_refused() throws Exception {
        DeviceCertificate.Files stranger = TlsMaterial.selfSigned("CN=sdk-stranger").writeTo(dir.resolve("stranger"));
        DeviceSdkClients.ConnectFailed failed = DeviceSdkClients.refused(() -> DeviceSdkClients.mtls("localhost",
                iot.endpoints().mqttsPort(), ca(), stranger.certificate(), stranger.privateKey(), "sdk-stranger"));
        assertTrue(failed.getMessage().contains("sdk-stranger"), failed.getMessage());
    }

    private static void roundTrip(DeviceSdkClients.Connection c, String topic) throws Exception {
        c.subscribe(topic);
        c.publish(topic, "from the device sdk");
        DeviceSdkClients.Received received = c.next();
        assertEquals(topic, received.topic());
        assertEquals("from the device sdk", new String(received.payload(), StandardCharsets.UTF_8));
    }

    private static Path ca() {
        return iot.endpoints().caCertificateFile().orElseThrow();
    }
}
