package dev.iotemulator.internal.controlplane;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A control-plane request AWS would refuse: the handler throws it, the {@link ControlPlane} answers it with AWS's
 * status, error code and a message that says what was wrong.
 */
public final class ApiException extends RuntimeException {

    private final ApiError error;
    private final transient ObjectNode extra;

    public ApiException(ApiError error, String message) {
        this(error, message, null);
    }

    /** @param extra more members for the error body, such as {@code resourceId} of ResourceAlreadyExists */
    public ApiException(ApiError error, String message, ObjectNode extra) {
        super(message, null, false, false);
        this.error = error;
        this.extra = extra;
    }

    public ApiError error() {
        return error;
    }

    /** Members to add to the error body; null when there are none. */
    public ObjectNode extra() {
        return extra;
    }
}
