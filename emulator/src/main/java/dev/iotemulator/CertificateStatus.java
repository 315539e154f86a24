package dev.iotemulator;

/** A certificate's status, as AWS IoT's {@code UpdateCertificate} sets it; only ACTIVE certificates may connect. */
public enum CertificateStatus {
    ACTIVE, INACTIVE, REVOKED
}
