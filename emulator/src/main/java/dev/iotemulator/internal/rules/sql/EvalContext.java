package dev.iotemulator.internal.rules.sql;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Everything an evaluation may read besides the SQL: the message and its metadata for the context functions
 * ({@code topic()}, {@code clientid()}, {@code principal()}, {@code timestamp()}, ...), and the external services.
 *
 * @param topic the topic, with a Basic Ingest {@code $aws/rules/<rule>/} prefix already removed
 * @param clientId the publisher's MQTT client id, or null when the message did not come over MQTT
 * @param principal the publisher's principal, or null for the emulator itself
 * @param payload the payload bytes
 * @param json the payload as JSON, or null when it is not JSON
 * @param timestamp the rules engine's clock for this message, in milliseconds since the epoch
 * @param trace where comparisons and failures are recorded; null to record nothing
 */
public record EvalContext(String topic, String clientId, String principal, String accountId, String traceId,
        byte[] payload, JsonNode json, long timestamp, External external, Trace trace) {

    /** The same context without external services, for error-action templates. */
    public EvalContext withoutExternalCalls() {
        return new EvalContext(topic, clientId, principal, accountId, traceId, payload, json, timestamp,
                External.NONE, trace);
    }

    void note(String line) {
        if (trace != null) {
            trace.add(line);
        }
    }
}
