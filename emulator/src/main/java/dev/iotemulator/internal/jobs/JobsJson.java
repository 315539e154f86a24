package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

    /** GetPendingJobExecutions: the IN_PROGRESS executions and the QUEUED ones, as summaries. */
    static ObjectNode pending(List<JobExecution> pending) {
        ObjectNode out = Json.object();
        ArrayNode inProgress = out.putArray("inProgressJobs");
        ArrayNode queued = out.putArray("queuedJobs");
        for (JobExecution e : pending) {
            (e.status() == JobExecution.Status.IN_PROGRESS ? inProgress : queued).add(summary(e));
        }
        return out;
    }

    /** The counts of finished executions that both DescribeJob and the completed event carry. */
    static ObjectNode finishedCounts(ObjectNode details, Map<JobExecution.Status, Integer> counts) {
        return details.put("numberOfCanceledThings", counts.get(JobExecution.Status.CANCELED))
                .put("numberOfSucceededThings", counts.get(JobExecution.Status.SUCCEEDED))
                .put("numberOfFailedThings", counts.get(JobExecution.Status.FAILED))
                .put("numberOfRejectedThings", counts.get(JobExecution.Status.REJECTED))
                .put("numberOfRemovedThings", counts.get(JobExecution.Status.REMOVED))
                .put("numberOfTimedOutThings", counts.get(JobExecution.Status.TIMED_OUT));
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
