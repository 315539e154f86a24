package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.policy.Arns;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The messages of the Jobs service: {@code $aws/things/<thing>/jobs/notify} and {@code notify-next} (developer guide
 * "Jobs device MQTT API operations"), and the Jobs events on {@code $aws/events/job/<jobId>/<operation>} and
 * {@code $aws/events/jobExecution/<jobId>/<operation>} ("Jobs events"), which go out only when enabled. As in the
 * guide's examples, an event's {@code timestamp} is in seconds and a job's {@code createdAt}, {@code lastUpdatedAt}
 * and {@code completedAt} in milliseconds.
 */
final class JobEvents {

    /** One message to publish. */
    record Message(String topic, ObjectNode payload) {
    }

    private final Arns arns;
    private final EventConfigurations configurations;

    JobEvents(Arns arns, EventConfigurations configurations) {
        this.arns = arns;
        this.configurations = configurations;
    }

    static Message jobsChanged(String thing, List<JobExecution> pending, Instant now) {
        ObjectNode payload = Json.object();
        ObjectNode jobs = payload.putObject("jobs");
        for (JobExecution e : pending) {
            ArrayNode list = jobs.has(e.status().name()) ? (ArrayNode) jobs.get(e.status().name())
                    : jobs.putArray(e.status().name());
            list.add(JobsJson.summary(e));
        }
        payload.put("timestamp", JobsJson.seconds(now));
        return new Message("$aws/things/" + thing + "/jobs/notify", payload);
    }

    /** @param next the new next execution, or null when the thing has none pending any more */
    static Message nextChanged(String thing, JobExecution next, String document, Instant now) {
        ObjectNode payload = Json.object();
        if (next != null) {
            payload.set("execution", JobsJson.execution(next, document, false, now));
        }
        payload.put("timestamp", JobsJson.seconds(now));
        return new Message("$aws/things/" + thing + "/jobs/notify-next", payload);
    }

    /** A JOB event, or null when JOB events are off. */
    Message job(Job job, String operation, Map<JobExecution.Status, Integer> counts, Instant now) {
        if (!configurations.enabled("JOB")) {
            return null;
        }
        ObjectNode e = Json.object().put("eventType", "JOB").put("eventId", UUID.randomUUID().toString())
                .put("timestamp", JobsJson.seconds(now)).put("operation", operation).put("jobId", job.jobId())
                .put("status", switch (operation) {
                    case "completed" -> "COMPLETED";
                    case "canceled" -> "CANCELED";
                    case "deleted" -> "DELETED";
                    case "cancellation_in_progress" -> "CANCELLATION_IN_PROGRESS";
                    default -> "DELETION_IN_PROGRESS";
                })
                .put("targetSelection", job.targetSelection().name());
        Json.put(e, "targets", job.targets());
        Json.put(e, "description", job.description());
        if (job.comment() != null && !"completed".equals(operation)) {
            e.put("comment", job.comment());
        }
        if (job.completedAt() != null && "completed".equals(operation)) {
            e.put("completedAt", job.completedAt().toEpochMilli());
        }
        e.put("createdAt", job.createdAt().toEpochMilli()).put("lastUpdatedAt", job.lastUpdatedAt().toEpochMilli());
        if ("completed".equals(operation)) {
            JobsJson.finishedCounts(e.putObject("jobProcessDetails"), counts);
        }
        return new Message("$aws/events/job/" + job.jobId() + "/" + operation, e);
    }

    /** A JOB_EXECUTION event, or null when they are off. */
    Message execution(JobExecution execution, String operation, Instant now) {
        if (!configurations.enabled("JOB_EXECUTION")) {
            return null;
        }
        ObjectNode e = Json.object().put("eventType", "JOB_EXECUTION").put("eventId", UUID.randomUUID().toString())
                .put("timestamp", JobsJson.seconds(now)).put("operation", operation).put("jobId", execution.jobId())
                .put("thingArn", arns.thing(execution.thingName()))
                .put("status", "deleted".equals(operation) ? "DELETED" : execution.status().name());
        Json.put(e, "statusDetails", execution.statusDetails());
        return new Message("$aws/events/jobExecution/" + execution.jobId() + "/" + operation, e);
    }
}
