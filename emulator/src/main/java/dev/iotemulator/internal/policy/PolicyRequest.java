package dev.iotemulator.internal.policy;

import java.util.Objects;

/**
 * One authorization question: may this principal perform {@code action} on {@code resource}?
 *
 * @param action   an IoT action such as {@code iot:Publish}; matched case-insensitively as IAM does
 * @param resource a full resource ARN, for example built with {@link Arns}; matched case-sensitively
 * @param context  the values of policy variables and condition keys for this request
 */
public record PolicyRequest(String action, String resource, RequestContext context) {

    /** Rejects nulls at construction so evaluation never meets them. */
    public PolicyRequest {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(context, "context");
    }
}
