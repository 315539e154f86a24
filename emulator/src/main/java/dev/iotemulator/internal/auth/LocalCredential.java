package dev.iotemulator.internal.auth;

import java.util.Objects;

/**
 * An access key the emulator accepts, as configured in {@code credentials.json}. A credential with a session
 * token stands for temporary (STS-style) credentials: requests must then carry that exact token.
 */
public record LocalCredential(String name, String accessKeyId, String secretAccessKey, String sessionToken) {

    public LocalCredential {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
    }

    public boolean isTemporary() {
        return sessionToken != null;
    }

    /** Never shows the secret or the token. */
    @Override
    public String toString() {
        return "LocalCredential[name=" + name + ", accessKeyId=" + accessKeyId
                + (isTemporary() ? ", temporary" : "") + "]";
    }
}
