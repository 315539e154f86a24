package dev.iotemulator;

import java.util.Objects;

/**
 * An AWS access key pair, optionally with a session token (temporary credentials).
 *
 * @param sessionToken null for long-term keys
 */
public record Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    /** Long-term credentials, without a session token. */
    public static Credentials of(String accessKeyId, String secretAccessKey) {
        return new Credentials(accessKeyId, secretAccessKey, null);
    }

    /** Never shows the secret or the token. */
    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + (sessionToken == null ? "" : ", temporary") + "]";
    }
}
