package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.ReservedTopicService;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Jobs device API over MQTT (developer guide "Jobs device MQTT API operations"), on the publish pipeline: requests
 * on {@code $aws/things/<thing>/jobs/get}, {@code /start-next}, {@code /<jobId>/get} and {@code /<jobId>/update} are
 * answered on the request topic plus {@code /accepted} or {@code /rejected}, with the request's {@code clientToken}.
 * The request itself still reaches subscribers, as AWS's does.
 */
public final class JobsMqtt implements ReservedTopicService {

    private static final Pattern REQUEST = Pattern.compile(
            "^\\$aws/things/([^/]+)/jobs/(get|start-next|([^/]+)/get|([^/]+)/update)$");

    private final Jobs jobs;
    private final Jobs.Outbox outbox;

    public JobsMqtt(Jobs jobs, Jobs.Outbox outbox) {
        this.jobs = jobs;
        this.outbox = outbox;
    }

    @Override
    public boolean serves(String topic) {
        return topic.contains("/jobs/") && REQUEST.matcher(topic).matches();
    }

    @Override
    public boolean handle(Publish publish) {
        Matcher m = REQUEST.matcher(publish.topic());
        if (!m.matches()) {
            return false;
        }
        String thing = m.group(1);
        ObjectNode request;
        try {
            request = parse(publish.payload());
        } catch (JobException e) {
            reject(publish.topic(), null, e);
            return false;
        }
        String token = request.hasNonNull("clientToken") ? request.get("clientToken").asText() : null;
        try {
            ObjectNode accepted = switch (m.group(2)) {
                case "get" -> pending(thing);
                case "start-next" -> startNext(thing, request);
                default -> m.group(3) != null ? describe(thing, m.group(3), request)
                        : update(thing, m.group(4), request);
            };
            if (token != null) {
                accepted.put("clientToken", token);
            }
            accepted.put("timestamp", JobsJson.seconds(jobs.now()));
            outbox.publish(publish.topic() + "/accepted", accepted);
        } catch (JobException e) {
            reject(publish.topic(), token, e);
        } catch (dev.iotemulator.internal.controlplane.ApiException e) {
            reject(publish.topic(), token, new JobException(JobException.Code.InvalidRequest, e.getMessage(), null));
        }
        return false;
    }

    private ObjectNode pending(String thing) {
        return JobsJson.pending(jobs.pending(thing));
    }

    private ObjectNode startNext(String thing, ObjectNode request) {
        Optional<JobExecution> next = jobs.startNext(thing, JobsDataApi.details(request),
                JobsDataApi.longMember(request, "stepTimeoutInMinutes"));
        ObjectNode out = Json.object();
        next.ifPresent(e -> out.set("execution", JobsJson.execution(e, jobs.document(e.jobId()), false, jobs.now())));
        return out;
    }

    private ObjectNode describe(String thing, String jobId, ObjectNode request) {
        Optional<JobExecution> e = jobs.describe(thing, jobId, JobsDataApi.longMember(request, "executionNumber"));
        boolean document = request.path("includeJobDocument").asBoolean(true);
        ObjectNode out = Json.object();
        e.ifPresent(x -> out.set("execution", JobsJson.execution(x, document ? jobs.document(x.jobId()) : null,
                false, jobs.now())));
        return out;
    }

    private ObjectNode update(String thing, String jobId, ObjectNode request) {
        String status = request.hasNonNull("status") ? request.get("status").asText() : null;
        JobExecution e = jobs.update(thing, jobId, status(status), JobsDataApi.details(request),
                JobsDataApi.longMember(request, "expectedVersion"),
                JobsDataApi.longMember(request, "executionNumber"),
                JobsDataApi.longMember(request, "stepTimeoutInMinutes"));
        ObjectNode out = Json.object();
        if (request.path("includeJobExecutionState").asBoolean(false)) {
            out.set("executionState", JobsJson.state(e));
        }
        if (request.path("includeJobDocument").asBoolean(false) && jobs.document(jobId) != null) {
            out.set("jobDocument", JobsJson.parse(jobs.document(jobId)));
        }
        return out;
    }

    private void reject(String topic, String token, JobException e) {
        ObjectNode rejected = Json.object().put("code", e.code().name()).put("message", e.getMessage());
        if (token != null) {
            rejected.put("clientToken", token);
        }
        rejected.put("timestamp", JobsJson.seconds(jobs.now()));
        if (e.execution() != null) {
            rejected.set("executionState", JobsJson.state(e.execution()));
        }
        outbox.publish(topic + "/rejected", rejected);
    }

    /** A status a device sends; null or an unknown one is InvalidRequest. */
    static JobExecution.Status status(String value) {
        try {
            return JobExecution.Status.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new JobException(JobException.Code.InvalidRequest, "status must be IN_PROGRESS, SUCCEEDED, FAILED "
                    + "or REJECTED, not " + value + ".", null);
        }
    }

    private static ObjectNode parse(byte[] payload) {
        if (payload.length == 0) {
            return Json.object();
        }
        try {
            JsonNode json = HttpAnswer.JSON.readTree(payload);
            if (json instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // rejected below
        }
        throw new JobException(JobException.Code.InvalidJson, "The request payload is not a JSON object.", null);
    }
}
