package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.auth.LocalCredential;

/**
 * Who is on the other end of a client connection, as established before the MQTT CONNECT.
 *
 * @param credential the access key the connection authenticated with
 * @param authentication how: {@code SIGV4} for presigned WebSocket URLs, {@code LOCAL_TCP} for the plain MQTT port
 */
public record ConnectionIdentity(LocalCredential credential, String authentication) {

    public static ConnectionIdentity sigV4(LocalCredential credential) {
        return new ConnectionIdentity(credential, "SIGV4");
    }

    public static ConnectionIdentity localTcp(LocalCredential credential) {
        return new ConnectionIdentity(credential, "LOCAL_TCP");
    }

    public String principal() {
        return credential.accessKeyId();
    }
}
