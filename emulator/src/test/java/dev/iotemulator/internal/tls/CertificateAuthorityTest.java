package dev.iotemulator.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {

    final Clock clock = Clock.systemUTC();

    @TempDir
    Path data;

    @Test
    void the_ca_is_created_once_and_loaded_unchanged_afterwards() throws Exception {
        CertificateAuthority first = CertificateAuthority.loadOrCreate(data, clock);
        CertificateAuthority second = CertificateAuthority.loadOrCreate(data, clock);
        assertEquals(first.fingerprint(), second.fingerprint());
        assertEquals(data.resolve("ca/root-ca.pem"), second.certificateFile());
        assertEquals(java.util.Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(data.resolve("ca/root-ca.key")));
        assertTrue(first.certificate().getBasicConstraints() >= 0, "a CA certificate");
        assertTrue(second.signed(first.issueDeviceCertificate(CertificateAuthority.deviceKeyPair().getPublic())),
                "the loaded CA signs with the same key");
    }

    @Test
    void without_a_data_directory_the_process_keeps_one_ca_in_memory_with_its_certificate_in_a_file()
            throws Exception {
        CertificateAuthority a = CertificateAuthority.loadOrCreate(null, clock);
        CertificateAuthority b = CertificateAuthority.loadOrCreate(null, clock);
        assertEquals(a.fingerprint(), b.fingerprint());
        assertEquals(a.certificatePem(), Files.readString(a.certificateFile()));
        assertFalse(a.fingerprint().equals(CertificateAuthority.loadOrCreate(data, clock).fingerprint()));
    }

    @Test
    void the_server_certificate_names_localhost_the_loopback_addresses_and_the_extra_names() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(null, clock);
        CertificateAuthority.ServerIdentity server = ca.issueServerCertificate(List.of("iot.local", "10.0.0.7"));
        Collection<List<?>> names = server.certificate().getSubjectAlternativeNames();
        List<Object> values = names.stream().map(n -> n.get(1)).map(Object.class::cast).toList();
        assertTrue(values.containsAll(List.of("localhost", "127.0.0.1", "iot.local", "10.0.0.7")), values.toString());
        assertTrue(values.stream().anyMatch(v -> v.toString().startsWith("0:0:0:0:0:0:0:1")), values.toString());
        assertTrue(ca.signed(server.certificate()));
        assertTrue(server.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
    }

    @Test
    void the_server_certificate_is_kept_beside_the_ca_and_reissued_only_when_the_names_change() throws Exception {
        CertificateAuthority.ServerIdentity first = CertificateAuthority.loadOrCreate(data, clock)
                .serverIdentity(List.of("iot.local"));
        CertificateAuthority restarted = CertificateAuthority.loadOrCreate(data, clock);
        assertEquals(first.certificate(), restarted.serverIdentity(List.of("iot.local")).certificate());
        CertificateAuthority.ServerIdentity renamed = restarted.serverIdentity(List.of("other.local"));
        assertFalse(first.certificate().equals(renamed.certificate()));
        assertTrue(renamed.certificate().getSubjectAlternativeNames().stream()
                .anyMatch(n -> "other.local".equals(n.get(1))));
    }

    @Test
    void device_certificates_look_like_the_ones_aws_issues() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(null, clock);
        X509Certificate device = ca.issueDeviceCertificate(CertificateAuthority.deviceKeyPair().getPublic());
        assertEquals("CN=AWS IoT Certificate", device.getSubjectX500Principal().getName());
        assertEquals(2049, device.getNotAfter().toInstant().atZone(java.time.ZoneOffset.UTC).getYear());
        assertTrue(device.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertEquals("RSA", device.getPublicKey().getAlgorithm());
    }

    @Test
    void a_damaged_ca_file_fails_startup_saying_how_to_recover() throws Exception {
        CertificateAuthority.loadOrCreate(data, clock);
        Files.writeString(data.resolve("ca/root-ca.key"), "not a key");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CertificateAuthority.loadOrCreate(data, clock));
        assertTrue(e.getMessage().contains("delete " + data.resolve("ca")), e.getMessage());
    }

    @Test
    void a_key_that_does_not_belong_to_the_certificate_is_refused() throws Exception {
        CertificateAuthority.loadOrCreate(data, clock);
        Path other = data.resolve("other");
        CertificateAuthority.loadOrCreate(other, clock);
        Files.copy(other.resolve("ca/root-ca.key"), data.resolve("ca/root-ca.key"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> CertificateAuthority.loadOrCreate(data, clock));
        assertTrue(e.getMessage().contains("is not the private key of"), e.getMessage());
    }
}
