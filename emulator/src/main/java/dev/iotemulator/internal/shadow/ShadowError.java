package dev.iotemulator.internal.shadow;

/**
 * Every error the Device Shadow service answers with: AWS's status code and exact text (AWS IoT Developer Guide,
 * "Device Shadow error messages"), and the restJson error type the HTTPS data plane sends for that status. Rendered
 * once for MQTT {@code .../rejected} payloads and once for HTTP bodies.
 */
public enum ShadowError {
    INVALID_JSON(400, "Invalid JSON"),
    MISSING_STATE(400, "Missing required node: state"),
    STATE_NOT_OBJECT(400, "State node must be an object"),
    DESIRED_NOT_OBJECT(400, "Desired node must be an object"),
    REPORTED_NOT_OBJECT(400, "Reported node must be an object"),
    INVALID_VERSION(400, "Invalid version"),
    INVALID_CLIENT_TOKEN(400, "Invalid clientToken"),
    TOO_DEEP(400, "JSON contains too many levels of nesting; maximum is " + ShadowLimits.MAX_DEPTH),
    INVALID_STATE_NODE(400, "State contains an invalid node"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NO_SHADOW(404, "No shadow exists with name: '%s'"),
    VERSION_CONFLICT(409, "Version conflict"),
    PAYLOAD_TOO_LARGE(413, "The payload exceeds the maximum size allowed"),
    UNSUPPORTED_ENCODING(415, "Unsupported documented encoding; supported encoding is UTF-8"),
    INTERNAL_FAILURE(500, "Internal service failure");

    private final int code;
    private final String message;

    ShadowError(int code, String message) {
        this.code = code;
        this.message = message;
    }

    public int code() {
        return code;
    }

    /** The exact AWS text; {@code %s} in {@link #NO_SHADOW} is filled with the shadow's name. */
    public String message(String name) {
        return message.contains("%s") ? String.format(message, name) : message;
    }

    /** The restJson1 error name ({@code x-amzn-ErrorType}) AWS IoT Data uses for this status. */
    public String httpErrorType() {
        return switch (code) {
            case 400 -> "InvalidRequestException";
            case 401 -> "UnauthorizedException";
            case 403 -> "ForbiddenException";
            case 404 -> "ResourceNotFoundException";
            case 409 -> "ConflictException";
            case 413 -> "RequestEntityTooLargeException";
            case 415 -> "UnsupportedDocumentEncodingException";
            default -> "InternalFailureException";
        };
    }
}
