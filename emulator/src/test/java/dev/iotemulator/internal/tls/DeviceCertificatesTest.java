package dev.iotemulator.internal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.Registry;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCertificatesTest {

    final Clock clock = Clock.systemUTC();

    @TempDir
    Path data;

    @Test
    void created_certificates_are_kept_without_their_keys_and_come_back_after_a_restart() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(data, clock);
        DeviceCertificates first = new DeviceCertificates(ca, registryWithPolicy(), data, clock);
        DeviceCertificates.Created created = first.create(List.of("P"), List.of("thing-1"), true);
        String id = created.registered().id();
        assertEquals(64, id.length());
        String stored = Files.readString(data.resolve("certificates").resolve(id + ".json"));
        assertTrue(!stored.contains("PRIVATE"), stored);

        DeviceCertificates again = new DeviceCertificates(ca, registryWithPolicy(), data, clock);
        again.loadCreated();
        DeviceCertificates.Registered back = again.find(id).orElseThrow();
        assertEquals(List.of("P"), back.policies());
        assertEquals(List.of("thing-1"), back.things());
        assertTrue(again.refusal(back.certificate()).isEmpty());
    }

    @Test
    void refusals_say_unregistered_inactive_revoked_or_expired() throws Exception {
        CertificateAuthority ca = CertificateAuthority.loadOrCreate(null, clock);
        Registry registry = registryWithPolicy();
        DeviceCertificates certificates = new DeviceCertificates(ca, registry, null, clock);
        X509Certificate stranger = selfSigned(Instant.now().minus(Duration.ofDays(2)),
                Instant.now().plus(Duration.ofDays(1)));
        assertTrue(certificates.refusal(stranger).orElseThrow().contains("is not registered and was not issued by "
                + "the emulator's CA"));

        String id = certificates.create(List.of(), List.of(), false).registered().id();
        X509Certificate inactive = certificates.find(id).orElseThrow().certificate();
        assertTrue(certificates.refusal(inactive).orElseThrow().contains("is INACTIVE"));
        certificates.updateStatus(id, Certificate.Status.REVOKED);
        assertTrue(certificates.refusal(inactive).orElseThrow().contains("is REVOKED"));

        X509Certificate expired = selfSigned(Instant.now().minus(Duration.ofDays(9)),
                Instant.now().minus(Duration.ofDays(1)));
        registry.certificates().register(Pem.write(expired), Certificate.Status.ACTIVE, "test");
        assertTrue(certificates.refusal(expired).orElseThrow().contains("expired at"));
        ApiException again = assertThrows(ApiException.class, () -> registry.certificates().register(
                Pem.write(expired), Certificate.Status.ACTIVE, "again"));
        assertEquals("ResourceAlreadyExistsException", again.error().code());
    }

    @Test
    void certificate_variables_hold_subject_issuer_names_and_serial() throws Exception {
        X509Certificate cert = selfSigned(Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(
                Duration.ofDays(1)));
        Map<String, List<String>> vars = CertificateVariables.of(cert);
        assertEquals(List.of("dev-1"), vars.get("iot:Certificate.Subject.CommonName"));
        assertEquals(List.of("Example"), vars.get("iot:Certificate.Subject.Organization"));
        assertEquals(List.of("a", "b"), vars.get("iot:Certificate.Subject.OrganizationalUnit.List"));
        assertEquals(List.of("dev-1"), vars.get("iot:Certificate.Issuer.CommonName"));
        assertEquals(List.of("4242"), vars.get("iot:Certificate.SerialNumber"));
        assertTrue(!vars.containsKey("iot:Certificate.Subject.Country"), "absent, not empty");
    }

    private Registry registryWithPolicy() {
        Registry registry = new Registry(new Arns("us-east-1", "000000000000"), clock);
        registry.policies().create("P", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"iot:*\","
                + "\"Resource\":\"*\"}]}", "test");
        return registry;
    }

    private static X509Certificate selfSigned(Instant notBefore, Instant notAfter) throws Exception {
        KeyPair keys = CertificateAuthority.deviceKeyPair();
        X500Name name = new X500Name("CN=dev-1,O=Example,OU=a,OU=b");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.valueOf(4242), Date.from(notBefore), Date.from(notAfter), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    }
}
