package dev.iotemulator.internal.registry;

import java.time.Instant;

/**
 * A certificate of the registry, without any private key: its PEM, its id (the SHA-256 of its DER encoding in
 * lower-case hex, as AWS IoT's certificate ids are) and its status.
 *
 * @param source where it came from: {@code created} (CreateKeysAndCertificate and the like), {@code registered}
 *     (RegisterCertificateWithoutCA), or the configuration file that lists it
 */
public record Certificate(String id, String pem, Status status, Instant creationDate, Instant lastModifiedDate,
        String source) {

    /** AWS IoT's {@code CertificateStatus}; only ACTIVE certificates may connect. */
    public enum Status {
        ACTIVE, INACTIVE, REVOKED, PENDING_TRANSFER, REGISTER_INACTIVE, PENDING_ACTIVATION
    }

    Certificate withStatus(Status newStatus, Instant when) {
        return new Certificate(id, pem, newStatus, creationDate, when, source);
    }
}
