package dev.iotemulator.internal.tls;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.CertificateIssuer;
import java.io.IOException;
import java.io.StringReader;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * The emulator's CA as the control plane and fleet provisioning use it: it waits for the TLS set-up (which makes the
 * CA at start-up) and answers AWS's errors when there is none or a CSR is unusable. A CSR's key must be RSA of at
 * least 2048 bits or EC on P-256, P-384 or P-521, as AWS IoT requires.
 */
public final class CaIssuer implements CertificateIssuer {

    private static final long WAIT_SECONDS = 30;

    private final CompletableFuture<TlsSetup> tls;

    /** @param tls the TLS set-up, possibly in progress; null when TLS is off */
    public CaIssuer(CompletableFuture<TlsSetup> tls) {
        this.tls = tls;
    }

    @Override
    public Issued createKeysAndCertificate(Certificate.Status status) {
        DeviceCertificates certificates = certificates();
        java.security.KeyPair keys = CertificateAuthority.deviceKeyPair();
        DeviceCertificates.Registered r = certificates.issue(keys.getPublic(), status, List.of(), List.of());
        return new Issued(certificates.registry().certificates().require(r.id()), Pem.write(keys.getPublic()),
                Pem.write(keys.getPrivate()));
    }

    @Override
    public Certificate createFromCsr(String csrPem, Certificate.Status status) {
        PublicKey key = publicKey(csrPem);
        DeviceCertificates certificates = certificates();
        DeviceCertificates.Registered r = certificates.issue(key, status, List.of(), List.of());
        return certificates.registry().certificates().require(r.id());
    }

    private DeviceCertificates certificates() {
        if (tls == null) {
            throw ApiError.SERVICE_UNAVAILABLE.with("The emulator has no certificate authority because TLS is off "
                    + "(--https-port -1 and --mqtts-port -1, or EmulatorOptions.withoutTls()); turn a TLS port on to "
                    + "create certificates.");
        }
        try {
            return tls.get(WAIT_SECONDS, TimeUnit.SECONDS).certificates();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiError.SERVICE_UNAVAILABLE.with("Interrupted while waiting for the emulator's CA.");
        } catch (ExecutionException | TimeoutException e) {
            throw ApiError.SERVICE_UNAVAILABLE.with("The emulator's CA is not available: " + e);
        }
    }

    private static PublicKey publicKey(String csrPem) {
        PublicKey key;
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            Object parsed = parser.readObject();
            if (!(parsed instanceof PKCS10CertificationRequest csr)) {
                throw ApiError.INVALID_REQUEST.with("certificateSigningRequest is not a PEM certificate signing "
                        + "request (-----BEGIN CERTIFICATE REQUEST-----).");
            }
            key = new JcaPEMKeyConverter().getPublicKey(csr.getSubjectPublicKeyInfo());
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.iotemulator.internal.controlplane.ApiException api) {
                throw api;
            }
            throw ApiError.INVALID_REQUEST.with("certificateSigningRequest cannot be read: " + e.getMessage());
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= 2048) {
            return key;
        }
        if (key instanceof ECPublicKey ec) {
            int bits = ec.getParams().getCurve().getField().getFieldSize();
            if (bits == 256 || bits == 384 || bits == 521) {
                return key;
            }
        }
        throw ApiError.INVALID_REQUEST.with("The CSR's key is " + key.getAlgorithm() + "; AWS IoT accepts RSA keys of "
                + "at least 2048 bits and EC keys on P-256, P-384 or P-521.");
    }
}
