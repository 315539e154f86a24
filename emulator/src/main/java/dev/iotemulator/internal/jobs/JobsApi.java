package dev.iotemulator.internal.jobs;

import static dev.iotemulator.internal.controlplane.Json.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/** The Jobs operations of AWS IoT's control plane. */
public final class JobsApi implements ControlPlane.Api {

    private static final Pattern JOB_ID = Pattern.compile("[a-zA-Z0-9_-]+");

    private final Jobs jobs;

    public JobsApi(Jobs jobs) {
        this.jobs = jobs;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateJob", "PUT", "/jobs/{jobId}", this::create)
                .add(Service.IOT, "DescribeJob", "GET", "/jobs/{jobId}", this::describe)
                .add(Service.IOT, "ListJobs", "GET", "/jobs", this::list)
                .add(Service.IOT, "CancelJob", "PUT", "/jobs/{jobId}/cancel", this::cancel)
                .add(Service.IOT, "DeleteJob", "DELETE", "/jobs/{jobId}", this::delete)
                .add(Service.IOT, "GetJobDocument", "GET", "/jobs/{jobId}/job-document", this::document)
                .add(Service.IOT, "DescribeJobExecution", "GET", "/things/{thingName}/jobs/{jobId}",
                        this::describeExecution)
                .add(Service.IOT, "ListJobExecutionsForJob", "GET", "/jobs/{jobId}/things", this::forJob)
                .add(Service.IOT, "ListJobExecutionsForThing", "GET", "/things/{thingName}/jobs", this::forThing)
                .add(Service.IOT, "CancelJobExecution", "PUT", "/things/{thingName}/jobs/{jobId}/cancel",
                        this::cancelExecution);
    }

    private ObjectNode create(ApiRequest request) {
        String jobId = ApiRequest.valid(request.label("jobId"), "jobId", JOB_ID, 64);
        ObjectNode body = request.body();
        List<String> targets = Json.strings(body, "targets");
        if (targets.isEmpty()) {
            throw ApiError.INVALID_REQUEST.with("1 validation error detected: Value null at 'targets' failed to "
                    + "satisfy constraint: Member must not be null");
        }
        for (String target : targets) {
            String thingPrefix = jobs.registry().arns().prefix() + "thing/";
            String groupPrefix = jobs.registry().arns().prefix() + "thinggroup/";
            if (target.startsWith(thingPrefix)) {
                jobs.registry().things().require(target.substring(thingPrefix.length()));
            } else if (target.startsWith(groupPrefix)) {
                jobs.registry().thingGroups().require(target.substring(groupPrefix.length()));
            } else {
                throw ApiError.INVALID_REQUEST.with("Target " + target + " is not a thing or thing group ARN of this "
                        + "account and region (" + thingPrefix + "<name> or " + groupPrefix + "<name>).");
            }
        }
        String document = ApiRequest.text(body, "document");
        String source = ApiRequest.text(body, "documentSource");
        if ((document == null) == (source == null)) {
            throw ApiError.INVALID_REQUEST.with("Give exactly one of document and documentSource.");
        }
        if (source != null) {
            throw ApiError.INVALID_REQUEST.with("documentSource (" + source + ") points into Amazon S3, which the "
                    + "emulator cannot reach; give the job document inline as document (aws iot create-job "
                    + "--document file://job.json).");
        }
        String selection = ApiRequest.text(body, "targetSelection");
        Job.TargetSelection targetSelection;
        try {
            targetSelection = selection == null ? Job.TargetSelection.SNAPSHOT
                    : Job.TargetSelection.valueOf(selection.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.INVALID_REQUEST.with("targetSelection must be SNAPSHOT or CONTINUOUS, not " + selection);
        }
        JsonNode timeout = body.path("timeoutConfig").path("inProgressTimeoutInMinutes");
        Long inProgress = timeout.isMissingNode() || timeout.isNull() ? null : timeout.asLong();
        if (inProgress != null && (inProgress < 1 || inProgress > 10080)) {
            throw ApiError.INVALID_REQUEST.with("timeoutConfig.inProgressTimeoutInMinutes must be from 1 to 10080.");
        }
        Instant now = jobs.now();
        Job job = jobs.create(new Job(jobId, targets, document, null, ApiRequest.text(body, "description"),
                targetSelection, Job.Status.IN_PROGRESS, false, null, null, inProgress, now, now, null));
        ObjectNode out = Json.object().put("jobArn", jobs.registry().arns().job(jobId)).put("jobId", jobId);
        return put(out, "description", job.description());
    }

    private ObjectNode describe(ApiRequest request) {
        Job job = jobs.require(request.label("jobId"));
        ObjectNode j = Json.object().put("jobArn", jobs.registry().arns().job(job.jobId())).put("jobId", job.jobId())
                .put("targetSelection", job.targetSelection().name()).put("status", job.status().name())
                .put("forceCanceled", job.forceCanceled());
        put(j, "reasonCode", job.reasonCode());
        put(j, "comment", job.comment());
        put(j, "targets", job.targets());
        put(j, "description", job.description());
        put(j, "createdAt", job.createdAt());
        put(j, "lastUpdatedAt", job.lastUpdatedAt());
        put(j, "completedAt", job.completedAt());
        Map<JobExecution.Status, Integer> counts = jobs.counts(job.jobId());
        ObjectNode details = j.putObject("jobProcessDetails");
        details.putArray("processingTargets");
        JobsJson.finishedCounts(details, counts)
                .put("numberOfQueuedThings", counts.get(JobExecution.Status.QUEUED))
                .put("numberOfInProgressThings", counts.get(JobExecution.Status.IN_PROGRESS));
        if (job.inProgressTimeoutMinutes() != null) {
            j.putObject("timeoutConfig").put("inProgressTimeoutInMinutes", job.inProgressTimeoutMinutes());
        }
        j.put("isConcurrent", false);
        ObjectNode out = Json.object();
        out.set("job", j);
        return out;
    }

    private ObjectNode list(ApiRequest request) {
        String status = request.query("status");
        String selection = request.query("targetSelection");
        String group = request.query("thingGroupName");
        String groupArn = group == null ? null : jobs.registry().arns().thingGroup(group);
        List<Job> all = jobs.list(j -> (status == null || j.status().name().equals(status))
                && (selection == null || j.targetSelection().name().equals(selection))
                && (groupArn == null || j.targets().contains(groupArn)));
        return Json.page(request, Json.object(), "jobs", all, j -> {
            ObjectNode item = Json.object().put("jobArn", jobs.registry().arns().job(j.jobId()))
                    .put("jobId", j.jobId()).put("targetSelection", j.targetSelection().name())
                    .put("status", j.status().name());
            put(item, "createdAt", j.createdAt());
            put(item, "lastUpdatedAt", j.lastUpdatedAt());
            put(item, "completedAt", j.completedAt());
            return item.put("isConcurrent", false);
        });
    }

    private ObjectNode cancel(ApiRequest request) {
        ObjectNode body = request.body();
        Job job = jobs.cancel(request.label("jobId"), request.queryFlag("force", false),
                ApiRequest.text(body, "reasonCode"), ApiRequest.text(body, "comment"));
        ObjectNode out = Json.object().put("jobArn", jobs.registry().arns().job(job.jobId())).put("jobId", job.jobId());
        return put(out, "description", job.description());
    }

    private ObjectNode delete(ApiRequest request) {
        jobs.delete(request.label("jobId"), request.queryFlag("force", false));
        return null;
    }

    private ObjectNode document(ApiRequest request) {
        return Json.object().put("document", jobs.require(request.label("jobId")).document());
    }

    private ObjectNode describeExecution(ApiRequest request) {
        JobExecution e = jobs.execution(request.label("thingName"), request.label("jobId"),
                longQuery(request, "executionNumber"));
        ObjectNode x = Json.object().put("jobId", e.jobId()).put("status", e.status().name())
                .put("forceCanceled", e.forceCanceled());
        put(x.putObject("statusDetails"), "detailsMap", e.statusDetails());
        x.put("thingArn", jobs.registry().arns().thing(e.thingName()));
        put(x, "queuedAt", e.queuedAt());
        put(x, "startedAt", e.startedAt());
        put(x, "lastUpdatedAt", e.lastUpdatedAt());
        x.put("executionNumber", e.executionNumber()).put("versionNumber", e.versionNumber());
        if (e.timeoutAt() != null) {
            x.put("approximateSecondsBeforeTimedOut", Math.max(0, e.timeoutAt().getEpochSecond()
                    - jobs.now().getEpochSecond()));
        }
        ObjectNode out = Json.object();
        out.set("execution", x);
        return out;
    }

    private ObjectNode forJob(ApiRequest request) {
        String status = request.query("status");
        List<JobExecution> all = jobs.executionsOf(jobs.require(request.label("jobId")).jobId()).stream()
                .filter(e -> status == null || e.status().name().equals(status)).toList();
        return Json.page(request, Json.object(), "executionSummaries", all, e -> {
            ObjectNode item = Json.object().put("thingArn", jobs.registry().arns().thing(e.thingName()));
            item.set("jobExecutionSummary", summary(e));
            return item;
        });
    }

    private ObjectNode forThing(ApiRequest request) {
        String status = request.query("status");
        String jobId = request.query("jobId");
        List<JobExecution> all = jobs.executionsOn(request.label("thingName")).stream()
                .filter(e -> (status == null || e.status().name().equals(status))
                        && (jobId == null || e.jobId().equals(jobId))).toList();
        return Json.page(request, Json.object(), "executionSummaries", all, e -> {
            ObjectNode item = Json.object().put("jobId", e.jobId());
            item.set("jobExecutionSummary", summary(e));
            return item;
        });
    }

    private ObjectNode cancelExecution(ApiRequest request) {
        ObjectNode body = request.body();
        JsonNode expected = body.get("expectedVersion");
        jobs.cancelExecution(request.label("thingName"), request.label("jobId"), request.queryFlag("force", false),
                expected == null || expected.isNull() ? null : expected.asLong(), Json.stringMap(body,
                        "statusDetails"));
        return null;
    }

    private static ObjectNode summary(JobExecution e) {
        ObjectNode s = Json.object().put("status", e.status().name());
        put(s, "queuedAt", e.queuedAt());
        put(s, "startedAt", e.startedAt());
        put(s, "lastUpdatedAt", e.lastUpdatedAt());
        return s.put("executionNumber", e.executionNumber()).put("retryAttempt", 0);
    }

    private static Long longQuery(ApiRequest request, String name) {
        String value = request.query(name);
        try {
            return value == null ? null : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiError.INVALID_REQUEST.with(name + " must be a whole number, not '" + value + "'.");
        }
    }
}
