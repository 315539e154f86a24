package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.rules.sql.Values;
import java.util.Base64;

/**
 * The message an error action gets (developer guide, "Error handling (error action)"): one per rule and message,
 * listing every failed action: {@code {ruleName, topic, cloudwatchTraceId, clientId, base64OriginalPayload,
 * failures: [{failedAction, failedResource, errorMessage}]}}.
 */
final class ErrorPayload {

    private final ObjectNode root = Values.JSON.createObjectNode();
    private final ArrayNode failures;

    ErrorPayload(String ruleName, String topic, String traceId, String clientId, byte[] original) {
        root.put("ruleName", ruleName).put("topic", topic).put("cloudwatchTraceId", traceId)
                .put("clientId", clientId == null ? "n/a" : clientId)
                .put("base64OriginalPayload", Base64.getEncoder().encodeToString(original));
        failures = root.putArray("failures");
    }

    void add(String failedAction, String failedResource, String errorMessage) {
        failures.addObject().put("failedAction", failedAction).put("failedResource", failedResource)
                .put("errorMessage", errorMessage);
    }

    boolean isEmpty() {
        return failures.isEmpty();
    }

    ObjectNode json() {
        return root;
    }
}
