package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Jobs device API over HTTPS ({@code iot-jobs-data}, signing name {@code iot-jobs-data}): the same operations as
 * over MQTT, on the paths the control plane also uses, told apart by the signing service. Each is authorized like the
 * data plane's shadow calls, by the caller's IoT policies ({@code iot:GetPendingJobExecutions},
 * {@code iot:StartNextPendingJobExecution}, {@code iot:DescribeJobExecution}, {@code iot:UpdateJobExecution} on the
 * thing's ARN).
 */
public final class JobsDataApi implements ControlPlane.Api {

    /** The data plane's IoT policy check; empty when allowed, otherwise why not. */
    @FunctionalInterface
    public interface PolicyCheck {
        Optional<String> deny(String principal, String action, String resource, String sourceIp);
    }

    private final Jobs jobs;
    private final PolicyCheck policy;

    public JobsDataApi(Jobs jobs, PolicyCheck policy) {
        this.jobs = jobs;
        this.policy = policy;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.JOBS_DATA, "GetPendingJobExecutions", "GET", "/things/{thingName}/jobs", this::pending)
                .add(Service.JOBS_DATA, "StartNextPendingJobExecution", "PUT", "/things/{thingName}/jobs/$next",
                        this::startNext)
                .add(Service.JOBS_DATA, "DescribeJobExecution", "GET", "/things/{thingName}/jobs/{jobId}",
                        this::describe)
                .add(Service.JOBS_DATA, "UpdateJobExecution", "POST", "/things/{thingName}/jobs/{jobId}",
                        this::update);
    }

    private ObjectNode pending(ApiRequest request) {
        String thing = authorize(request, "iot:GetPendingJobExecutions");
        return JobsJson.pending(jobs.pending(thing));
    }

    private ObjectNode startNext(ApiRequest request) {
        String thing = authorize(request, "iot:StartNextPendingJobExecution");
        ObjectNode body = request.body();
        Optional<JobExecution> next = call(() -> jobs.startNext(thing, details(body), longMember(body,
                "stepTimeoutInMinutes")));
        return withExecution(next, true);
    }

    private ObjectNode describe(ApiRequest request) {
        String thing = authorize(request, "iot:DescribeJobExecution");
        String executionNumber = request.query("executionNumber");
        Optional<JobExecution> e = call(() -> jobs.describe(thing, request.label("jobId"),
                executionNumber == null ? null : Long.valueOf(executionNumber)));
        if (e.isEmpty()) {
            throw ApiError.RESOURCE_NOT_FOUND.with("No pending job execution for thing " + thing + ".");
        }
        return withExecution(e, request.queryFlag("includeJobDocument", true));
    }

    private ObjectNode update(ApiRequest request) {
        String thing = authorize(request, "iot:UpdateJobExecution");
        ObjectNode body = request.body();
        String status = ApiRequest.required(ApiRequest.text(body, "status"), "status");
        JobExecution e = call(() -> jobs.update(thing, request.label("jobId"), JobsMqtt.status(status),
                details(body), longMember(body, "expectedVersion"), longMember(body, "executionNumber"),
                longMember(body, "stepTimeoutInMinutes")));
        ObjectNode out = Json.object();
        if (body.path("includeJobExecutionState").asBoolean(false)) {
            out.set("executionState", JobsJson.state(e));
        }
        if (body.path("includeJobDocument").asBoolean(false)) {
            Json.put(out, "jobDocument", jobs.document(e.jobId()));
        }
        return out;
    }

    private ObjectNode withExecution(Optional<JobExecution> e, boolean includeDocument) {
        ObjectNode out = Json.object();
        e.ifPresent(x -> out.set("execution", JobsJson.execution(x, includeDocument ? jobs.document(x.jobId())
                : null, true, jobs.now())));
        return out;
    }

    private String authorize(ApiRequest request, String action) {
        String thing = request.label("thingName");
        policy.deny(request.principal(), action, jobs.registry().arns().thing(thing), request.call().sourceIp())
                .ifPresent(reason -> {
                    throw new ApiException(ApiError.UNAUTHORIZED, "Forbidden: " + action + " on thing " + thing
                            + " is not allowed for access key id " + request.principal() + " (" + reason + ")");
                });
        return thing;
    }

    /** Runs a device operation, turning its rejection into the HTTP data plane's error. */
    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (JobException e) {
            ApiError error = switch (e.code()) {
                case ResourceNotFound -> ApiError.RESOURCE_NOT_FOUND;
                case InvalidStateTransition, VersionMismatch -> ApiError.INVALID_STATE_TRANSITION;
                case TerminalStateReached -> ApiError.TERMINAL_STATE;
                default -> ApiError.INVALID_REQUEST;
            };
            throw error.with(e.getMessage());
        }
    }

    static java.util.Map<String, String> details(JsonNode body) {
        return body.has("statusDetails") && !body.get("statusDetails").isNull()
                ? Json.stringMap(body, "statusDetails") : null;
    }

    static Long longMember(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong()) {
            throw new JobException(JobException.Code.InvalidRequest, member + " must be a whole number, not " + value,
                    null);
        }
        return value.asLong();
    }
}
