package dev.iotemulator.internal.registry;

import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.store.CollectionNames;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The certificates AWS IoT knows, whichever way they came: created with the emulator's CA (CreateKeysAndCertificate,
 * CreateCertificateFromCsr, fleet provisioning, the admin API), registered (RegisterCertificateWithoutCA), or listed
 * in {@code certificates.json}. Only ACTIVE ones authenticate; an ACTIVE one cannot be deleted, nor one with a thing
 * attached, nor (without {@code forceDelete}) one with policies attached.
 */
public final class Certificates {

    private final Registry registry;
    private final Map<String, Certificate> byId = new ConcurrentHashMap<>();
    private final Map<String, X509Certificate> parsed = new ConcurrentHashMap<>();

    Certificates(Registry registry) {
        this.registry = registry;
    }

    /** The certificate id AWS IoT gives a certificate: the SHA-256 of its DER encoding, lower-case hex. */
    public static String idOf(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses one PEM certificate; CertificateValidation when it is not one. */
    public static X509Certificate parse(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | RuntimeException e) {
            throw ApiError.CERTIFICATE_VALIDATION.with("The certificate is not a valid PEM X.509 certificate: "
                    + e.getMessage());
        }
    }

    /**
     * Adds a certificate; one that is already there is ResourceAlreadyExists, as RegisterCertificateWithoutCA answers.
     */
    public Certificate register(String pem, Certificate.Status status, String source) {
        X509Certificate x509 = parse(pem);
        String id = idOf(x509);
        return registry.change(() -> {
            Certificate existing = byId.get(id);
            if (existing != null) {
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("The certificate is already provisioned or registered "
                        + "(certificateId " + id + ", from " + existing.source() + ")");
            }
            Instant now = registry.now();
            Certificate c = new Certificate(id, pem, status, now, now, source);
            byId.put(id, c);
            registry.documents().put(CollectionNames.CERTIFICATES, id, c);
            parsed.put(id, x509);
            return c;
        }, c -> new RegistryEvent.Changed("certificate " + id));
    }

    public Optional<Certificate> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Certificate require(String id) {
        return find(id).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("The certificate " + id
                + " does not exist"));
    }

    /** The parsed certificate, or null when there is no such certificate. */
    public X509Certificate x509(String id) {
        return parsed.get(id);
    }

    /** Every certificate, oldest first. */
    public List<Certificate> list() {
        return byId.values().stream().sorted(Comparator.comparing(Certificate::creationDate)
                .thenComparing(Certificate::id)).toList();
    }

    /**
     * UpdateCertificate: ACTIVE, INACTIVE or REVOKED (idempotent); a revoked certificate stays revoked. Devices
     * connected with a certificate that leaves ACTIVE are disconnected by whoever listens to the registry.
     */
    public Certificate updateStatus(String id, Certificate.Status status) {
        if (status == Certificate.Status.PENDING_TRANSFER || status == Certificate.Status.PENDING_ACTIVATION
                || status == Certificate.Status.REGISTER_INACTIVE) {
            throw ApiError.INVALID_REQUEST.with("The new status " + status + " cannot be set with "
                    + "UpdateCertificate; use ACTIVE, INACTIVE or REVOKED.");
        }
        return registry.change(() -> {
            Certificate c = require(id);
            if (c.status() == Certificate.Status.REVOKED && status != Certificate.Status.REVOKED) {
                throw ApiError.CERTIFICATE_STATE.with("Certificate " + id + " is REVOKED; a revoked certificate "
                        + "cannot be reactivated.");
            }
            Certificate updated = c.status() == status ? c : c.withStatus(status, registry.now());
            byId.put(id, updated);
            registry.documents().put(CollectionNames.CERTIFICATES, id, updated);
            return updated;
        }, c -> new RegistryEvent.CertificateChanged(id, c.status()));
    }

    /** Sets a status the API may not set (PENDING_ACTIVATION to ACTIVE, by fleet provisioning). */
    public Certificate activate(String id, Certificate.Status status) {
        return registry.change(() -> {
            Certificate updated = require(id).withStatus(status, registry.now());
            byId.put(id, updated);
            registry.documents().put(CollectionNames.CERTIFICATES, id, updated);
            return updated;
        }, c -> new RegistryEvent.CertificateChanged(id, c.status()));
    }

    /** DeleteCertificate, with AWS's preconditions. */
    public void delete(String id, boolean forceDelete) {
        registry.change(() -> {
            Certificate c = require(id);
            if (c.status() == Certificate.Status.ACTIVE) {
                throw ApiError.CERTIFICATE_STATE.with("Certificate must be deactivated (not ACTIVE) before "
                        + "deletion. Id: " + id);
            }
            String arn = registry.arns().certificate(id);
            if (!registry.attachments().thingsOf(arn).isEmpty()) {
                throw ApiError.DELETE_CONFLICT.with("Things are attached to the certificate " + id + "; detach "
                        + "them (DetachThingPrincipal) before deleting it");
            }
            if (!forceDelete && !registry.attachments().policiesOf(arn).isEmpty()) {
                throw ApiError.DELETE_CONFLICT.with("Certificate policies must be detached before deletion (arn: "
                        + arn + ")");
            }
            registry.attachments().forgetTarget(arn);
            byId.remove(id);
            parsed.remove(id);
            registry.documents().delete(CollectionNames.CERTIFICATES, id);
        }, new RegistryEvent.CertificateChanged(id, null));
    }

    /** Puts a certificate back as it was stored. */
    void restore(Certificate c) {
        parsed.put(c.id(), parse(c.pem()));
        byId.put(c.id(), c);
    }
}
