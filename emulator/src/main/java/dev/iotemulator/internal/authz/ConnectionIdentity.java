package dev.iotemulator.internal.authz;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.tls.DeviceCertificates;

/**
 * Who is on the other end of a client connection, as established before the MQTT CONNECT.
 *
 * @param credential the access key the connection authenticated with, or null for a certificate
 * @param authentication how: {@code SIGV4} for presigned WebSocket URLs, {@code LOCAL_TCP} for the plain MQTT port,
 *     {@code X509} for a client certificate
 * @param certificate the client certificate, or null for an access key
 */
public record ConnectionIdentity(LocalCredential credential, String authentication,
        DeviceCertificates.Registered certificate) {

    public static ConnectionIdentity sigV4(LocalCredential credential) {
        return new ConnectionIdentity(credential, "SIGV4", null);
    }

    public static ConnectionIdentity localTcp(LocalCredential credential) {
        return new ConnectionIdentity(credential, "LOCAL_TCP", null);
    }

    public static ConnectionIdentity x509(DeviceCertificates.Registered certificate) {
        return new ConnectionIdentity(null, "X509", certificate);
    }

    /** The access key id, or the certificate id. */
    public String principal() {
        return certificate != null ? certificate.id() : credential.accessKeyId();
    }

    /** What lifecycle events name as {@code principalIdentifier}: the certificate id, or account/access key. */
    public String principalIdentifier(String accountId) {
        return certificate != null ? certificate.id() : accountId + "/" + credential.accessKeyId();
    }
}
