package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import java.io.IOException;
import java.time.Instant;

/**
 * The Jobs device API's JSON (developer guide "Jobs device MQTT API operations", AWS IoT Device SDK v2
 * {@code iotjobs.model}): timestamps in whole epoch seconds, the job document as an embedded JSON object over MQTT and
 * as a string over HTTP.
 */
final class JobsJson {

    private JobsJson() {
    }

    static long seconds(Instant instant) {
        return instant.getEpochSecond();
    }

    static ObjectNode putSeconds(ObjectNode out, String member, Instant instant) {
        if (instant != null) {
            out.put(member, seconds(instant));
        }
        return out;
    }

    /** {@code JobExecutionSummary}. */
    static ObjectNode summary(JobExecution e) {
        ObjectNode s = Json.object().put("jobId", e.jobId());
        putSeconds(s, "queuedAt", e.queuedAt());
        putSeconds(s, "startedAt", e.startedAt());
        putSeconds(s, "lastUpdatedAt", e.lastUpdatedAt());
        return s.put("versionNumber", e.versionNumber()).put("executionNumber", e.executionNumber());
    }

    /**
     * {@code JobExecution} of the device APIs.
     *
     * @param document the job document, or null to leave it out
     * @param documentAsText HTTP sends it as a string, MQTT as a JSON object
     */
    static ObjectNode execution(JobExecution e, String document, boolean documentAsText, Instant now) {
        ObjectNode x = Json.object().put("jobId", e.jobId()).put("thingName", e.thingName())
                .put("status", e.status().name());
        Json.put(x, "statusDetails", e.statusDetails());
        putSeconds(x, "queuedAt", e.queuedAt());
        putSeconds(x, "startedAt", e.startedAt());
        putSeconds(x, "lastUpdatedAt", e.lastUpdatedAt());
        if (e.timeoutAt() != null) {
            x.put("approximateSecondsBeforeTimedOut", Math.max(0, e.timeoutAt().getEpochSecond() - now.getEpochSecond()));
        }
        x.put("versionNumber", e.versionNumber()).put("executionNumber", e.executionNumber());
        if (document != null) {
            if (documentAsText) {
                x.put("jobDocument", document);
            } else {
                x.set("jobDocument", parse(document));
            }
        }
        return x;
    }

    /** {@code JobExecutionState}. */
    static ObjectNode state(JobExecution e) {
        ObjectNode s = Json.object().put("status", e.status().name());
        Json.put(s, "statusDetails", e.statusDetails());
        return s.put("versionNumber", e.versionNumber());
    }

    /** A job document as JSON; one that is not JSON is sent as a string. */
    static JsonNode parse(String document) {
        try {
            return HttpAnswer.JSON.readTree(document);
        } catch (IOException e) {
            return Json.text(document);
        }
    }
}
