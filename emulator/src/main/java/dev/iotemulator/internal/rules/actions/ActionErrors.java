package dev.iotemulator.internal.rules.actions;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * An action's failure in words for the error payload's {@code errorMessage}: a service's refusal as AWS writes it
 * ({@code <message> (Service: <service>; Status Code: <status>; Error Code: <code>; Request ID: <id>)}), anything
 * else by its message.
 */
public final class ActionErrors {

    private ActionErrors() {
    }

    public static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            AwsErrorDetails d = service.awsErrorDetails();
            return d.errorMessage() + " (Service: " + d.serviceName() + "; Status Code: " + service.statusCode()
                    + "; Error Code: " + d.errorCode() + "; Request ID: " + service.requestId() + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
