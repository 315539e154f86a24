package dev.iotemulator.internal.cognito;

import dev.iotemulator.internal.auth.IssuedCredential;

/** What a Cognito Identity operation answered: a value, or an AWS-shaped error. */
public sealed interface CognitoResult {

    record IdentityIssued(String identityId) implements CognitoResult {
    }

    record CredentialsIssued(IssuedCredential credential) implements CognitoResult {
    }

    record Failed(CognitoError error, String message) implements CognitoResult {
    }
}
