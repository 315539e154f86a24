package dev.iotemulator.internal.registry;

/**
 * Makes certificates with the emulator's CA and registers them: what CreateKeysAndCertificate and
 * CreateCertificateFromCsr (over HTTP and over MQTT) need from the TLS side of the emulator. Throws
 * {@code ApiException} when there is no CA (TLS off) or the CSR is unusable.
 */
public interface CertificateIssuer {

    /** A registered certificate with its key pair in PEM; the private key is handed out only this once. */
    record Issued(Certificate certificate, String publicKeyPem, String privateKeyPem) {
    }

    /** A new RSA 2048 key pair and a certificate for it, registered with {@code status}. */
    Issued createKeysAndCertificate(Certificate.Status status);

    /** A certificate for the public key of a PEM certificate signing request, registered with {@code status}. */
    Certificate createFromCsr(String csrPem, Certificate.Status status);
}
