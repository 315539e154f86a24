package dev.iotemulator.internal.controlplane;

/**
 * The error codes of AWS IoT's control plane ({@code iot}) and Jobs data plane ({@code iot-jobs-data}) with the HTTP
 * status each service model gives them: the one catalogue every control-plane answer is rendered from. The wire form
 * is restJson1's: header {@code x-amzn-ErrorType: <code>:} and body {@code {"message": ...}}.
 */
public enum ApiError {
    INVALID_REQUEST("InvalidRequestException", 400),
    UNAUTHORIZED("UnauthorizedException", 401),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 404),
    CERTIFICATE_STATE("CertificateStateException", 406),
    CERTIFICATE_VALIDATION("CertificateValidationException", 400),
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 409),
    VERSION_CONFLICT("VersionConflictException", 409),
    DELETE_CONFLICT("DeleteConflictException", 409),
    VERSIONS_LIMIT_EXCEEDED("VersionsLimitExceededException", 409),
    CONFLICTING_RESOURCE_UPDATE("ConflictingResourceUpdateException", 409),
    INVALID_STATE_TRANSITION("InvalidStateTransitionException", 409),
    MALFORMED_POLICY("MalformedPolicyException", 400),
    /** A topic rule whose SQL (or a substitution template) does not parse. */
    SQL_PARSE("SqlParseException", 400),
    LIMIT_EXCEEDED("LimitExceededException", 410),
    /** iot-jobs-data: an execution already in a terminal state. */
    TERMINAL_STATE("TerminalStateException", 410),
    SERVICE_UNAVAILABLE("ServiceUnavailableException", 503),
    INTERNAL_FAILURE("InternalFailureException", 500);

    private final String code;
    private final int status;

    ApiError(String code, int status) {
        this.code = code;
        this.status = status;
    }

    /** AWS's name for it, as in {@code x-amzn-ErrorType}. */
    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** An exception carrying this error and {@code message}, for a handler to throw. */
    public ApiException with(String message) {
        return new ApiException(this, message);
    }
}
