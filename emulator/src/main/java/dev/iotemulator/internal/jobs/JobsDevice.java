package dev.iotemulator.internal.jobs;

import java.util.Map;
import java.util.Optional;

/**
 * The Jobs device API (developer guide "Jobs device MQTT API operations" and the {@code iot-jobs-data} HTTPS API), the
 * same for both transports: StartNextPendingJobExecution, DescribeJobExecution and UpdateJobExecution. A request AWS
 * would reject throws a {@link JobException} with the rejected payload's code.
 */
public final class JobsDevice {

    private final Jobs jobs;

    JobsDevice(Jobs jobs) {
        this.jobs = jobs;
    }

    /** StartNextPendingJobExecution: the next one, moved to IN_PROGRESS if it was QUEUED; empty when none. */
    public Optional<JobExecution> startNext(String thingName, Map<String, String> details, Long stepTimeoutMinutes) {
        checkStepTimeout(stepTimeoutMinutes);
        JobChanges changes = jobs.changes();
        Optional<JobExecution> started;
        synchronized (jobs) {
            Optional<JobExecution> next = jobs.next(thingName);
            if (next.isPresent() && next.get().status() == JobExecution.Status.QUEUED) {
                started = Optional.of(jobs.move(next.get(), JobExecution.Status.IN_PROGRESS, details,
                        stepTimeoutMinutes, false, changes));
            } else {
                started = next;
            }
            changes.finish(jobs.now());
        }
        jobs.send(changes);
        return started;
    }

    /** DescribeJobExecution of the device APIs; {@code $next} names the next pending one. */
    public Optional<JobExecution> describe(String thingName, String jobId, Long executionNumber) {
        if ("$next".equals(jobId)) {
            return jobs.next(thingName);
        }
        JobExecution e;
        synchronized (jobs) {
            e = jobs.records().execution(thingName, jobId);
        }
        if (e == null || executionNumber != null && executionNumber != e.executionNumber()) {
            throw new JobException(JobException.Code.ResourceNotFound, "Job execution " + jobId + " for thing "
                    + thingName + " does not exist.", null);
        }
        if (e.status().terminal()) {
            throw new JobException(JobException.Code.TerminalStateReached, "Job execution " + jobId + " for thing "
                    + thingName + " is " + e.status() + ".", e);
        }
        return Optional.of(e);
    }

    /** UpdateJobExecution from a device. */
    public JobExecution update(String thingName, String jobId, JobExecution.Status status,
            Map<String, String> details, Long expectedVersion, Long executionNumber, Long stepTimeoutMinutes) {
        checkStepTimeout(stepTimeoutMinutes);
        if (status == null || status == JobExecution.Status.QUEUED || status == JobExecution.Status.TIMED_OUT
                || status == JobExecution.Status.REMOVED || status == JobExecution.Status.CANCELED) {
            throw new JobException(JobException.Code.InvalidRequest, "status must be IN_PROGRESS, SUCCEEDED, FAILED "
                    + "or REJECTED; a device may not set " + status + ".", null);
        }
        JobChanges changes = jobs.changes();
        JobExecution updated;
        synchronized (jobs) {
            JobExecution e = jobs.records().execution(thingName, jobId);
            if (e == null || executionNumber != null && executionNumber != e.executionNumber()) {
                throw new JobException(JobException.Code.ResourceNotFound, "Job execution " + jobId + " for thing "
                        + thingName + " does not exist.", null);
            }
            if (expectedVersion != null && expectedVersion != e.versionNumber()) {
                throw new JobException(JobException.Code.VersionMismatch, "The expected version " + expectedVersion
                        + " does not match the job execution's version " + e.versionNumber() + ".", e);
            }
            if (e.status().terminal()) {
                throw new JobException(JobException.Code.InvalidStateTransition, "Job execution " + jobId
                        + " for thing " + thingName + " is " + e.status() + " and cannot become " + status + ".", e);
            }
            updated = jobs.move(e, status, details, stepTimeoutMinutes, false, changes);
            jobs.completeIfDone(jobId, changes);
            changes.finish(jobs.now());
        }
        jobs.send(changes);
        return updated;
    }

    private static void checkStepTimeout(Long minutes) {
        if (minutes != null && (minutes < 1 || minutes > 10080) && minutes != -1) {
            throw new JobException(JobException.Code.InvalidRequest, "stepTimeoutInMinutes must be from 1 to 10080, "
                    + "not " + minutes + ".", null);
        }
    }
}
