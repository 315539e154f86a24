package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.registry.Registry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * AWS IoT Jobs: jobs, their executions on things, and the rules that move them (developer guide "Jobs",
 * "Job execution states"): executions start QUEUED; a device moves its own to IN_PROGRESS and then SUCCEEDED, FAILED
 * or REJECTED, with {@code expectedVersion} checks; the step and in-progress timers end in TIMED_OUT; CancelJob
 * cancels QUEUED executions (IN_PROGRESS ones too with {@code force}); a SNAPSHOT job completes once every execution
 * is done; a CONTINUOUS job follows the membership of its thing groups.
 *
 * <p>Every change sends what AWS sends: {@code notify} when a thing's pending list changes, {@code notify-next} when
 * its next execution changes, and the Jobs events when they are enabled ({@link JobChanges}). Messages go out after
 * the change, outside the lock, through {@link Outbox}. The records live in {@link JobRecords}; the device API is
 * {@link JobsDevice}.
 */
public final class Jobs {

    /** Where the Jobs service's messages go: the publish pipeline, as the service's own. */
    @FunctionalInterface
    public interface Outbox {
        void publish(String topic, ObjectNode payload);
    }

    private final Registry registry;
    private final Clock clock;
    private final Outbox outbox;
    private final JobEvents events;
    private final JobRecords records;
    private final JobsDevice device;

    /** @param documents where jobs and executions are kept; what it holds already is read back */
    public Jobs(Registry registry, Clock clock, Outbox outbox, EventConfigurations configurations,
            Documents documents) {
        this.registry = registry;
        this.clock = clock;
        this.outbox = outbox;
        this.events = new JobEvents(registry.arns(), configurations);
        this.records = new JobRecords(documents);
        this.device = new JobsDevice(this);
    }

    /** The Jobs service's clock. */
    public Instant now() {
        return clock.instant();
    }

    Registry registry() {
        return registry;
    }

    // ---- control plane -------------------------------------------------------------------------------------------

    /** CreateJob: queues an execution for every thing the targets name now. */
    public Job create(Job job) {
        checkDocument(job.document());
        JobChanges changes = changes();
        synchronized (this) {
            if (records.job(job.jobId()) != null) {
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("Job " + job.jobId() + " already exists.");
            }
            Set<String> things = thingsOf(job.targets());
            records.put(job);
            for (String thing : things) {
                queue(job, thing, changes);
            }
            completeIfDone(job.jobId(), changes);
            changes.finish(now());
        }
        changes.send(outbox);
        return job;
    }

    public synchronized Optional<Job> find(String jobId) {
        return Optional.ofNullable(records.job(jobId));
    }

    public Job require(String jobId) {
        return find(jobId).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("Job " + jobId + " does not exist."));
    }

    public synchronized List<Job> list(Predicate<Job> filter) {
        return records.jobs().stream().filter(filter).toList();
    }

    /** CancelJob: QUEUED executions are canceled, IN_PROGRESS ones only with {@code force}. */
    public Job cancel(String jobId, boolean force, String reasonCode, String comment) {
        JobChanges changes = changes();
        Job canceled;
        synchronized (this) {
            Job job = require(jobId);
            if (job.status() == Job.Status.COMPLETED || job.status() == Job.Status.DELETION_IN_PROGRESS) {
                throw ApiError.INVALID_REQUEST.with("Job " + jobId + " is " + job.status() + " and cannot be "
                        + "canceled.");
            }
            if (job.status() == Job.Status.CANCELED && !force) {
                return job;
            }
            canceled = job.canceled(force, reasonCode, comment, now());
            records.put(canceled);
            changes.event(events.job(canceled, "cancellation_in_progress", counts(jobId), now()));
            for (JobExecution e : executionsOf(jobId)) {
                if (e.status() == JobExecution.Status.QUEUED
                        || force && e.status() == JobExecution.Status.IN_PROGRESS) {
                    move(e, JobExecution.Status.CANCELED, null, null, force, changes);
                }
            }
            changes.event(events.job(canceled, "canceled", counts(jobId), now()));
            changes.finish(now());
        }
        changes.send(outbox);
        return canceled;
    }

    /** DeleteJob: only COMPLETED or CANCELED jobs unless {@code force}; their executions go too. */
    public void delete(String jobId, boolean force) {
        JobChanges changes = changes();
        synchronized (this) {
            Job job = require(jobId);
            if (!force && job.status() != Job.Status.COMPLETED && job.status() != Job.Status.CANCELED) {
                throw ApiError.INVALID_STATE_TRANSITION.with("Job " + jobId + " is " + job.status() + "; only a "
                        + "COMPLETED or CANCELED job can be deleted without force=true.");
            }
            Job deleting = job.with(Job.Status.DELETION_IN_PROGRESS, now());
            changes.event(events.job(deleting, "deletion_in_progress", counts(jobId), now()));
            for (JobExecution e : executionsOf(jobId)) {
                changes.track(e.thingName());
                records.remove(e);
                changes.event(events.execution(e, "deleted", now()));
            }
            records.remove(job);
            changes.event(events.job(deleting, "deleted", counts(jobId), now()));
            changes.finish(now());
        }
        changes.send(outbox);
    }

    /** The execution of a job on a thing (the latest, or {@code executionNumber}); ResourceNotFound otherwise. */
    public synchronized JobExecution execution(String thingName, String jobId, Long executionNumber) {
        JobExecution e = records.execution(thingName, jobId);
        if (e == null || executionNumber != null && executionNumber != e.executionNumber()) {
            throw ApiError.RESOURCE_NOT_FOUND.with("Job execution of job " + jobId + " on thing " + thingName
                    + (executionNumber == null ? "" : " with execution number " + executionNumber)
                    + " does not exist.");
        }
        return e;
    }

    public synchronized List<JobExecution> executionsOf(String jobId) {
        return records.executionsOf(jobId);
    }

    public synchronized List<JobExecution> executionsOn(String thingName) {
        return records.executionsOn(thingName);
    }

    /** How many executions of a job are in each status. */
    public synchronized Map<JobExecution.Status, Integer> counts(String jobId) {
        return records.counts(jobId);
    }

    /** CancelJobExecution. */
    public void cancelExecution(String thingName, String jobId, boolean force, Long expectedVersion,
            Map<String, String> details) {
        JobChanges changes = changes();
        synchronized (this) {
            JobExecution e = execution(thingName, jobId, null);
            if (expectedVersion != null && expectedVersion != e.versionNumber()) {
                throw ApiError.VERSION_CONFLICT.with("The expected version " + expectedVersion + " does not match "
                        + "the execution's version " + e.versionNumber() + ".");
            }
            if (e.status().terminal() || e.status() == JobExecution.Status.IN_PROGRESS && !force) {
                throw ApiError.INVALID_STATE_TRANSITION.with("The job execution of " + jobId + " on " + thingName
                        + " is " + e.status() + (e.status().terminal() ? "" : "; cancel it with force=true"));
            }
            move(e, JobExecution.Status.CANCELED, details.isEmpty() ? null : details, null, force, changes);
            completeIfDone(jobId, changes);
            changes.finish(now());
        }
        changes.send(outbox);
    }

    // ---- device APIs ---------------------------------------------------------------------------------------------

    /** StartNext, Describe and Update as devices call them. */
    public JobsDevice device() {
        return device;
    }

    /** The thing's pending executions: IN_PROGRESS ones, then QUEUED ones, oldest first in each. */
    public synchronized List<JobExecution> pending(String thingName) {
        return records.pending(thingName);
    }

    /** The next pending execution, the one {@code $next} names. */
    public synchronized Optional<JobExecution> next(String thingName) {
        return pending(thingName).stream().findFirst();
    }


    /** Times out every IN_PROGRESS execution whose step or in-progress timer has run out. */
    public void expireTimers() {
        JobChanges changes = changes();
        synchronized (this) {
            Instant now = now();
            for (JobExecution e : records.executions()) {
                if (e.status() == JobExecution.Status.IN_PROGRESS && e.timeoutAt() != null
                        && !e.timeoutAt().isAfter(now)) {
                    move(e, JobExecution.Status.TIMED_OUT, null, null, false, changes);
                    completeIfDone(e.jobId(), changes);
                }
            }
            changes.finish(now());
        }
        changes.send(outbox);
    }

    /** A thing joined a group: CONTINUOUS jobs that target the group (or an ancestor) queue an execution for it. */
    public void thingAddedToGroup(String thingName) {
        JobChanges changes = changes();
        synchronized (this) {
            for (Job job : records.jobs()) {
                if (job.targetSelection() == Job.TargetSelection.CONTINUOUS && job.status() == Job.Status.IN_PROGRESS
                        && thingsOf(job.targets()).contains(thingName)
                        && records.execution(thingName, job.jobId()) == null) {
                    queue(job, thingName, changes);
                }
            }
            changes.finish(now());
        }
        changes.send(outbox);
    }

    /** A thing left a group: pending executions of CONTINUOUS jobs that no longer target it become REMOVED. */
    public void thingRemovedFromGroup(String thingName) {
        JobChanges changes = changes();
        synchronized (this) {
            for (JobExecution e : executionsOn(thingName)) {
                Job job = records.job(e.jobId());
                if (job != null && job.targetSelection() == Job.TargetSelection.CONTINUOUS && e.pending()
                        && !thingsOf(job.targets()).contains(thingName)) {
                    move(e, JobExecution.Status.REMOVED, null, null, false, changes);
                }
            }
            changes.finish(now());
        }
        changes.send(outbox);
    }

    /** The document of a job, or null once the job is gone. */
    public synchronized String document(String jobId) {
        Job job = records.job(jobId);
        return job == null ? null : job.document();
    }

    // ---- internals (called under the lock) -----------------------------------------------------------------------

    JobRecords records() {
        return records;
    }

    JobChanges changes() {
        return new JobChanges(records);
    }

    void send(JobChanges changes) {
        changes.send(outbox);
    }

    private void queue(Job job, String thing, JobChanges changes) {
        changes.track(thing);
        Instant now = now();
        JobExecution queued = new JobExecution(job.jobId(), thing, JobExecution.Status.QUEUED, Map.of(), now, null,
                now, 1, 1, false, null);
        records.put(queued);
    }

    JobExecution move(JobExecution e, JobExecution.Status status, Map<String, String> details,
            Long stepTimeoutMinutes, boolean force, JobChanges changes) {
        changes.track(e.thingName());
        Instant now = now();
        Instant timeoutAt = e.timeoutAt();
        if (status == JobExecution.Status.IN_PROGRESS) {
            Job job = records.job(e.jobId());
            Instant started = e.startedAt() == null ? now : e.startedAt();
            Instant inProgress = job == null || job.inProgressTimeoutMinutes() == null ? null
                    : started.plusSeconds(60 * job.inProgressTimeoutMinutes());
            Instant step = stepTimeoutMinutes == null ? (e.status() == JobExecution.Status.QUEUED ? null : timeoutAt)
                    : now.plusSeconds(60 * stepTimeoutMinutes);
            timeoutAt = inProgress == null ? step : step == null || inProgress.isBefore(step) ? inProgress : step;
        }
        JobExecution moved = e.moved(status, details, now, timeoutAt, force);
        records.put(moved);
        if (status.terminal()) {
            changes.event(events.execution(moved, status.name().toLowerCase(java.util.Locale.ROOT), now));
        }
        return moved;
    }

    void completeIfDone(String jobId, JobChanges changes) {
        Job job = records.job(jobId);
        if (job == null || job.status() != Job.Status.IN_PROGRESS
                || job.targetSelection() != Job.TargetSelection.SNAPSHOT
                || records.executionsOf(jobId).stream().anyMatch(JobExecution::pending)) {
            return;
        }
        Job completed = job.with(Job.Status.COMPLETED, now());
        records.put(completed);
        changes.event(events.job(completed, "completed", records.counts(jobId), now()));
    }

    /** The things the targets name now: things, and the members of groups and their descendants. */
    private Set<String> thingsOf(List<String> targets) {
        Set<String> things = new LinkedHashSet<>();
        String thingPrefix = registry.arns().prefix() + "thing/";
        String groupPrefix = registry.arns().prefix() + "thinggroup/";
        for (String target : targets) {
            if (target.startsWith(thingPrefix)) {
                things.add(target.substring(thingPrefix.length()));
            } else if (target.startsWith(groupPrefix)) {
                String group = target.substring(groupPrefix.length());
                if (registry.thingGroups().find(group).isPresent()) {
                    things.addAll(registry.thingGroups().thingsIn(group, true));
                }
            }
        }
        return things;
    }

    /** A job document is a JSON object of at most 32768 characters. */
    private static void checkDocument(String document) {
        if (document.length() > 32768) {
            throw ApiError.INVALID_REQUEST.with("The job document is " + document.length() + " characters; AWS IoT "
                    + "allows 32768.");
        }
        if (!JobsJson.parse(document).isObject()) {
            throw ApiError.INVALID_REQUEST.with("The job document must be a JSON object, not " + document);
        }
    }

}
