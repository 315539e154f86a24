package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.CertificateStatus;
import dev.iotemulator.DeviceCertificate;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Eclipse Paho over {@code ssl://} with client certificates, and over {@code wss://} with SigV4. */
@IotEmulatorTest
class PahoTlsTest {

    static IotEmulator iot;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
    }


    @Test
    void a_device_certificate_created_by_the_emulator_connects_over_mutual_tls_and_round_trips() throws Exception {
        DeviceCertificate device = iot.createDeviceCertificate("paho-thing", "AllowEverything");
        try (PahoClients.Client client = connect("paho-thing", TlsMaterial.socketFactory(caFile(), device))) {
            client.paho.subscribe("tls/paho", 1);
            client.paho.publish("tls/paho", "over mTLS".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("over mTLS", new String(client.next().message().getPayload(), StandardCharsets.UTF_8));
        }
        assertEquals(device.certificateId(), iot.journal().entries().stream()
                .filter(e -> "paho-thing".equals(e.clientId())).findFirst().orElseThrow().principal());
    }

    @Test
    void a_certificate_from_another_ca_is_refused_in_the_handshake() throws Exception {
        DeviceCertificate stranger = TlsMaterial.selfSigned("CN=stranger");
        MqttException refused = assertThrows(MqttException.class,
                () -> connect("stranger", TlsMaterial.refusable(caFile(), stranger)).close());
        assertTrue(refused.getReasonCode() == MqttException.REASON_CODE_CLIENT_EXCEPTION
                || refused.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST, refused.toString());
    }

    @Test
    void a_revoked_certificate_is_refused() throws Exception {
        DeviceCertificate device = iot.createDeviceCertificate(null, "AllowEverything");
        iot.updateCertificateStatus(device.certificateId(), CertificateStatus.REVOKED);
        assertThrows(MqttException.class,
                () -> connect("revoked", TlsMaterial.refusable(caFile(), device)).close());
    }

    @Test
    void an_inactive_certificate_is_refused_until_it_is_active_again() throws Exception {
        // AWS lets INACTIVE go back to ACTIVE; a REVOKED certificate stays revoked.
        DeviceCertificate device = iot.createDeviceCertificate(null, "AllowEverything");
        iot.updateCertificateStatus(device.certificateId(), CertificateStatus.INACTIVE);
        assertThrows(MqttException.class,
                () -> connect("inactive", TlsMaterial.refusable(caFile(), device)).close());
        iot.updateCertificateStatus(device.certificateId(), CertificateStatus.ACTIVE);
        connect("inactive", TlsMaterial.socketFactory(caFile(), device)).close();
    }

    @Test
    void sigv4_over_wss_works_with_the_local_ca_trusted() throws Exception {
        try (PahoClients.Client client = connect(iot.endpoints().presignedSecureWebSocketUri().toString(), "wss-paho",
                TlsMaterial.socketFactory(caFile(), null))) {
            client.paho.subscribe("tls/wss", 1);
            client.paho.publish("tls/wss", "over wss".getBytes(StandardCharsets.UTF_8), 1, false);
            assertEquals("over wss", new String(client.next().message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    private static Path caFile() {
        return iot.endpoints().caCertificateFile().orElseThrow();
    }

    private static PahoClients.Client connect(String clientId, SSLSocketFactory factory) throws MqttException {
        return connect(iot.endpoints().mqttsUri().orElseThrow().toString(), clientId, factory);
    }

    private static PahoClients.Client connect(String uri, String clientId, SSLSocketFactory factory)
            throws MqttException {
        return PahoClients.connectTls(uri, clientId, factory);
    }
}
