package dev.iotemulator.internal.jobs;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * One execution of a job on one thing.
 *
 * @param versionNumber 1 when queued, one more on every update
 * @param timeoutAt when it times out if still IN_PROGRESS (the earlier of the step and in-progress timers), or null
 */
public record JobExecution(String jobId, String thingName, Status status, Map<String, String> statusDetails,
        Instant queuedAt, Instant startedAt, Instant lastUpdatedAt, long versionNumber, long executionNumber,
        boolean forceCanceled, Instant timeoutAt) {

    /** AWS's {@code JobExecutionStatus}. */
    public enum Status {
        QUEUED, IN_PROGRESS, SUCCEEDED, FAILED, TIMED_OUT, REJECTED, REMOVED, CANCELED;

        /** Whether nothing can change it any more. */
        public boolean terminal() {
            return this != QUEUED && this != IN_PROGRESS;
        }
    }

    public JobExecution {
        statusDetails = java.util.Collections.unmodifiableMap(new TreeMap<>(statusDetails));
    }

    /** Whether it is on its thing's pending list (QUEUED or IN_PROGRESS). */
    public boolean pending() {
        return !status.terminal();
    }

    JobExecution moved(Status newStatus, Map<String, String> details, Instant now, Instant newTimeoutAt,
            boolean force) {
        Instant started = startedAt == null && newStatus == Status.IN_PROGRESS ? now : startedAt;
        return new JobExecution(jobId, thingName, newStatus, details == null ? statusDetails : details, queuedAt,
                started, now, versionNumber + 1, executionNumber, forceCanceled || force,
                newStatus == Status.IN_PROGRESS ? newTimeoutAt : null);
    }
}
