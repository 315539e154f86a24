package dev.iotemulator.internal.auth;

/** Why a presigned URL was refused. The name is part of the 403 body, so tests and users can match on it. */
public enum Refusal {
    MISSING_PARAMETER,
    UNSUPPORTED_ALGORITHM,
    MALFORMED_CREDENTIAL,
    WRONG_SERVICE,
    WRONG_REGION,
    UNKNOWN_ACCESS_KEY,
    MALFORMED_DATE,
    CLOCK_SKEW,
    EXPIRED,
    CREDENTIALS_EXPIRED,
    MISSING_SECURITY_TOKEN,
    INVALID_SECURITY_TOKEN,
    SIGNED_HEADER_MISSING,
    TOKEN_SIGNED_IN_QUERY,
    HOST_UPPER_CASE,
    HOST_PORT_MISMATCH,
    SIGNATURE_MISMATCH
}
