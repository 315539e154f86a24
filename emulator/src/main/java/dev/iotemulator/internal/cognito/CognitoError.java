package dev.iotemulator.internal.cognito;

/**
 * The Cognito Identity errors the emulator answers with: the AWS {@code __type} and HTTP status (awsJson 1.1 sends
 * every client error as 400). Messages follow AWS's wording where it is known and then say what to change.
 */
public enum CognitoError {
    INVALID_PARAMETER("InvalidParameterException", 400),
    NOT_AUTHORIZED("NotAuthorizedException", 400),
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400),
    TOO_MANY_REQUESTS("TooManyRequestsException", 400),
    UNKNOWN_OPERATION("UnknownOperationException", 400),
    SERIALIZATION("SerializationException", 400);

    private final String type;
    private final int status;

    CognitoError(String type, int status) {
        this.type = type;
        this.status = status;
    }

    /** The {@code __type} of the JSON body and of the {@code x-amzn-ErrorType} header. */
    public String type() {
        return type;
    }

    public int status() {
        return status;
    }
}
