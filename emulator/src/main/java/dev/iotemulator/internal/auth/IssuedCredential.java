package dev.iotemulator.internal.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * Temporary credentials the emulator handed out (Cognito {@code GetCredentialsForIdentity}), with the identity they
 * were issued to, so that policies can later resolve {@code ${cognito-identity.amazonaws.com:sub}}.
 *
 * @param credential the access key, secret and session token
 * @param identityId the Cognito identity id, {@code <region>:<guid>}
 * @param identityPoolId the pool the identity belongs to
 * @param expiration when the verifier stops accepting the access key
 */
public record IssuedCredential(LocalCredential credential, String identityId, String identityPoolId,
        Instant expiration) {

    public IssuedCredential {
        Objects.requireNonNull(credential, "credential");
        Objects.requireNonNull(identityId, "identityId");
        Objects.requireNonNull(identityPoolId, "identityPoolId");
        Objects.requireNonNull(expiration, "expiration");
        if (!credential.isTemporary()) {
            throw new IllegalArgumentException("issued credentials always have a session token");
        }
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiration);
    }
}
