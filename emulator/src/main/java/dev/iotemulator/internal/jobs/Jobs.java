package dev.iotemulator.internal.jobs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.store.CollectionNames;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
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
 * <p>Every change sends what AWS sends: {@code notify} when a thing's pending list changes, {@code notify-next} when its
 * next execution changes, and the Jobs events when they are enabled. Messages go out after the change, outside the
 * lock, through {@link Outbox}.
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
    private final Documents documents;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Map<String, JobExecution>> byThing = new LinkedHashMap<>();

    /** @param documents where jobs and executions are kept; what it holds already is read back */
    public Jobs(Registry registry, Clock clock, Outbox outbox, EventConfigurations configurations,
            Documents documents) {
        this.registry = registry;
        this.clock = clock;
        this.outbox = outbox;
        this.events = new JobEvents(registry.arns(), configurations);
        this.documents = documents;
        restore();
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
        Changes changes = new Changes();
        synchronized (this) {
            if (jobs.containsKey(job.jobId())) {
                throw ApiError.RESOURCE_ALREADY_EXISTS.with("Job " + job.jobId() + " already exists.");
            }
            Set<String> things = thingsOf(job.targets());
            jobs.put(job.jobId(), job);
            documents.put(CollectionNames.JOBS, job.jobId(), job);
            for (String thing : things) {
                queue(job, thing, changes);
            }
            completeIfDone(job.jobId(), changes);
            changes.finish(this);
        }
        changes.send();
        return job;
    }

    public synchronized Optional<Job> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    public Job require(String jobId) {
        return find(jobId).orElseThrow(() -> ApiError.RESOURCE_NOT_FOUND.with("Job " + jobId + " does not exist."));
    }

    public synchronized List<Job> list(Predicate<Job> filter) {
        return jobs.values().stream().filter(filter).toList();
    }

    /** CancelJob: QUEUED executions are canceled, IN_PROGRESS ones only with {@code force}. */
    public Job cancel(String jobId, boolean force, String reasonCode, String comment) {
        Changes changes = new Changes();
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
            jobs.put(jobId, canceled);
            documents.put(CollectionNames.JOBS, jobId, canceled);
            changes.job(events.job(canceled, "cancellation_in_progress", counts(jobId), now()));
            for (JobExecution e : executionsOf(jobId)) {
                if (e.status() == JobExecution.Status.QUEUED
                        || force && e.status() == JobExecution.Status.IN_PROGRESS) {
                    move(e, JobExecution.Status.CANCELED, null, null, force, changes);
                }
            }
            changes.job(events.job(canceled, "canceled", counts(jobId), now()));
            changes.finish(this);
        }
        changes.send();
        return canceled;
    }

    /** DeleteJob: only COMPLETED or CANCELED jobs unless {@code force}; their executions go too. */
    public void delete(String jobId, boolean force) {
        Changes changes = new Changes();
        synchronized (this) {
            Job job = require(jobId);
            if (!force && job.status() != Job.Status.COMPLETED && job.status() != Job.Status.CANCELED) {
                throw ApiError.INVALID_STATE_TRANSITION.with("Job " + jobId + " is " + job.status() + "; only a "
                        + "COMPLETED or CANCELED job can be deleted without force=true.");
            }
            Job deleting = job.with(Job.Status.DELETION_IN_PROGRESS, now());
            changes.job(events.job(deleting, "deletion_in_progress", counts(jobId), now()));
            for (JobExecution e : executionsOf(jobId)) {
                changes.track(this, e.thingName());
                byThing.get(e.thingName()).remove(jobId);
                documents.delete(CollectionNames.JOB_EXECUTIONS, e.thingName() + "/" + jobId);
                changes.job(events.execution(e, "deleted", now()));
            }
            jobs.remove(jobId);
            documents.delete(CollectionNames.JOBS, jobId);
            changes.job(events.job(deleting, "deleted", counts(jobId), now()));
            changes.finish(this);
        }
        changes.send();
    }

    /** The execution of a job on a thing (the latest, or {@code executionNumber}); ResourceNotFound otherwise. */
    public synchronized JobExecution execution(String thingName, String jobId, Long executionNumber) {
        JobExecution e = byThing.getOrDefault(thingName, Map.of()).get(jobId);
        if (e == null || executionNumber != null && executionNumber != e.executionNumber()) {
            throw ApiError.RESOURCE_NOT_FOUND.with("Job execution of job " + jobId + " on thing " + thingName
                    + (executionNumber == null ? "" : " with execution number " + executionNumber)
                    + " does not exist.");
        }
        return e;
    }

    public synchronized List<JobExecution> executionsOf(String jobId) {
        List<JobExecution> all = new ArrayList<>();
        byThing.values().forEach(m -> Optional.ofNullable(m.get(jobId)).ifPresent(all::add));
        all.sort(Comparator.comparing(JobExecution::thingName));
        return all;
    }

    public synchronized List<JobExecution> executionsOn(String thingName) {
        return List.copyOf(byThing.getOrDefault(thingName, Map.of()).values());
    }

    /** How many executions of a job are in each status. */
    public synchronized Map<JobExecution.Status, Integer> counts(String jobId) {
        Map<JobExecution.Status, Integer> counts = new LinkedHashMap<>();
        for (JobExecution.Status s : JobExecution.Status.values()) {
            counts.put(s, 0);
        }
        executionsOf(jobId).forEach(e -> counts.merge(e.status(), 1, Integer::sum));
        return counts;
    }

    /** CancelJobExecution. */
    public void cancelExecution(String thingName, String jobId, boolean force, Long expectedVersion,
            Map<String, String> details) {
        Changes changes = new Changes();
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
            changes.finish(this);
        }
        changes.send();
    }

    // ---- device APIs ---------------------------------------------------------------------------------------------

    /** The thing's pending executions: IN_PROGRESS ones, then QUEUED ones, oldest first in each. */
    public synchronized List<JobExecution> pending(String thingName) {
        List<JobExecution> pending = new ArrayList<>();
        Collection<JobExecution> all = byThing.getOrDefault(thingName, Map.of()).values();
        all.stream().filter(e -> e.status() == JobExecution.Status.IN_PROGRESS).forEach(pending::add);
        all.stream().filter(e -> e.status() == JobExecution.Status.QUEUED).forEach(pending::add);
        return pending;
    }

    /** The next pending execution, the one {@code $next} names. */
    public synchronized Optional<JobExecution> next(String thingName) {
        return pending(thingName).stream().findFirst();
    }

    /** StartNextPendingJobExecution: the next one, moved to IN_PROGRESS if it was QUEUED; empty when none. */
    public Optional<JobExecution> startNext(String thingName, Map<String, String> details, Long stepTimeoutMinutes) {
        checkStepTimeout(stepTimeoutMinutes);
        Changes changes = new Changes();
        Optional<JobExecution> started;
        synchronized (this) {
            Optional<JobExecution> next = next(thingName);
            if (next.isPresent() && next.get().status() == JobExecution.Status.QUEUED) {
                started = Optional.of(move(next.get(), JobExecution.Status.IN_PROGRESS, details, stepTimeoutMinutes,
                        false, changes));
            } else {
                started = next;
            }
            changes.finish(this);
        }
        changes.send();
        return started;
    }

    /** DescribeJobExecution of the device APIs; {@code $next} names the next pending one. */
    public synchronized Optional<JobExecution> describe(String thingName, String jobId, Long executionNumber) {
        if ("$next".equals(jobId)) {
            return next(thingName);
        }
        JobExecution e = byThing.getOrDefault(thingName, Map.of()).get(jobId);
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
        Changes changes = new Changes();
        JobExecution updated;
        synchronized (this) {
            JobExecution e = byThing.getOrDefault(thingName, Map.of()).get(jobId);
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
            updated = move(e, status, details, stepTimeoutMinutes, false, changes);
            completeIfDone(jobId, changes);
            changes.finish(this);
        }
        changes.send();
        return updated;
    }

    /** Times out every IN_PROGRESS execution whose step or in-progress timer has run out. */
    public void expireTimers() {
        Changes changes = new Changes();
        synchronized (this) {
            Instant now = now();
            for (Map<String, JobExecution> executions : byThing.values()) {
                for (JobExecution e : List.copyOf(executions.values())) {
                    if (e.status() == JobExecution.Status.IN_PROGRESS && e.timeoutAt() != null
                            && !e.timeoutAt().isAfter(now)) {
                        move(e, JobExecution.Status.TIMED_OUT, null, null, false, changes);
                        completeIfDone(e.jobId(), changes);
                    }
                }
            }
            changes.finish(this);
        }
        changes.send();
    }

    /** A thing joined a group: CONTINUOUS jobs that target the group (or an ancestor) queue an execution for it. */
    public void thingAddedToGroup(String thingName) {
        Changes changes = new Changes();
        synchronized (this) {
            for (Job job : jobs.values()) {
                if (job.targetSelection() == Job.TargetSelection.CONTINUOUS && job.status() == Job.Status.IN_PROGRESS
                        && thingsOf(job.targets()).contains(thingName)
                        && !byThing.getOrDefault(thingName, Map.of()).containsKey(job.jobId())) {
                    queue(job, thingName, changes);
                }
            }
            changes.finish(this);
        }
        changes.send();
    }

    /** A thing left a group: pending executions of CONTINUOUS jobs that no longer target it become REMOVED. */
    public void thingRemovedFromGroup(String thingName) {
        Changes changes = new Changes();
        synchronized (this) {
            for (JobExecution e : executionsOn(thingName)) {
                Job job = jobs.get(e.jobId());
                if (job != null && job.targetSelection() == Job.TargetSelection.CONTINUOUS && e.pending()
                        && !thingsOf(job.targets()).contains(thingName)) {
                    move(e, JobExecution.Status.REMOVED, null, null, false, changes);
                }
            }
            changes.finish(this);
        }
        changes.send();
    }

    /** Reads back the jobs and executions the store holds, in the order they were queued. */
    private void restore() {
        documents.all(CollectionNames.JOBS, Job.class).values().stream()
                .sorted(Comparator.comparing(Job::createdAt)).forEach(j -> jobs.put(j.jobId(), j));
        documents.all(CollectionNames.JOB_EXECUTIONS, JobExecution.class).values().stream()
                .sorted(Comparator.comparing(JobExecution::queuedAt))
                .forEach(e -> byThing.computeIfAbsent(e.thingName(), t -> new LinkedHashMap<>()).put(e.jobId(), e));
    }

    /** The document of a job, or null once the job is gone. */
    public synchronized String document(String jobId) {
        Job job = jobs.get(jobId);
        return job == null ? null : job.document();
    }

    // ---- internals (called under the lock) -----------------------------------------------------------------------

    private void queue(Job job, String thing, Changes changes) {
        changes.track(this, thing);
        Instant now = now();
        JobExecution queued = new JobExecution(job.jobId(), thing, JobExecution.Status.QUEUED, Map.of(), now, null,
                now, 1, 1, false, null);
        byThing.computeIfAbsent(thing, t -> new LinkedHashMap<>()).put(job.jobId(), queued);
        documents.put(CollectionNames.JOB_EXECUTIONS, thing + "/" + job.jobId(), queued);
    }

    private JobExecution move(JobExecution e, JobExecution.Status status, Map<String, String> details,
            Long stepTimeoutMinutes, boolean force, Changes changes) {
        changes.track(this, e.thingName());
        Instant now = now();
        Instant timeoutAt = e.timeoutAt();
        if (status == JobExecution.Status.IN_PROGRESS) {
            Job job = jobs.get(e.jobId());
            Instant started = e.startedAt() == null ? now : e.startedAt();
            Instant inProgress = job == null || job.inProgressTimeoutMinutes() == null ? null
                    : started.plusSeconds(60 * job.inProgressTimeoutMinutes());
            Instant step = stepTimeoutMinutes == null ? (e.status() == JobExecution.Status.QUEUED ? null : timeoutAt)
                    : now.plusSeconds(60 * stepTimeoutMinutes);
            timeoutAt = inProgress == null ? step : step == null || inProgress.isBefore(step) ? inProgress : step;
        }
        JobExecution moved = e.moved(status, details, now, timeoutAt, force);
        byThing.get(e.thingName()).put(e.jobId(), moved);
        documents.put(CollectionNames.JOB_EXECUTIONS, e.thingName() + "/" + e.jobId(), moved);
        if (status.terminal()) {
            changes.job(events.execution(moved, status.name().toLowerCase(java.util.Locale.ROOT), now));
        }
        return moved;
    }

    private void completeIfDone(String jobId, Changes changes) {
        Job job = jobs.get(jobId);
        if (job == null || job.status() != Job.Status.IN_PROGRESS
                || job.targetSelection() != Job.TargetSelection.SNAPSHOT
                || executionsOf(jobId).stream().anyMatch(JobExecution::pending)) {
            return;
        }
        Job completed = job.with(Job.Status.COMPLETED, now());
        jobs.put(jobId, completed);
        documents.put(CollectionNames.JOBS, jobId, completed);
        changes.job(events.job(completed, "completed", counts(jobId), now()));
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

    private static void checkStepTimeout(Long minutes) {
        if (minutes != null && (minutes < 1 || minutes > 10080) && minutes != -1) {
            throw new JobException(JobException.Code.InvalidRequest, "stepTimeoutInMinutes must be from 1 to 10080, "
                    + "not " + minutes + ".", null);
        }
    }

    /**
     * The messages one change sends: for each thing it touched, {@code notify} if its pending list changed and
     * {@code notify-next} if its next execution did, then the events.
     */
    final class Changes {
        private final Map<String, List<String>> pendingBefore = new LinkedHashMap<>();
        private final Map<String, String> nextBefore = new LinkedHashMap<>();
        private final List<JobEvents.Message> messages = new ArrayList<>();

        void track(Jobs jobs, String thing) {
            if (!pendingBefore.containsKey(thing)) {
                pendingBefore.put(thing, ids(jobs.pending(thing)));
                nextBefore.put(thing, jobs.next(thing).map(JobExecution::jobId).orElse(null));
            }
        }

        void job(JobEvents.Message message) {
            if (message != null) {
                messages.add(message);
            }
        }

        /** Adds the notifications of every thing touched; called once, under the lock, after the change. */
        void finish(Jobs jobs) {
            List<JobEvents.Message> notifications = new ArrayList<>();
            Instant now = jobs.now();
            for (String thing : pendingBefore.keySet()) {
                List<JobExecution> pending = jobs.pending(thing);
                if (!ids(pending).equals(pendingBefore.get(thing))) {
                    notifications.add(JobEvents.jobsChanged(thing, pending, now));
                }
                Optional<JobExecution> next = pending.stream().findFirst();
                if (!java.util.Objects.equals(next.map(JobExecution::jobId).orElse(null), nextBefore.get(thing))) {
                    notifications.add(JobEvents.nextChanged(thing, next.orElse(null),
                            next.map(n -> jobs.jobs.get(n.jobId()).document()).orElse(null), now));
                }
            }
            messages.addAll(0, notifications);
        }

        void send() {
            messages.forEach(m -> outbox.publish(m.topic(), m.payload()));
        }

        private List<String> ids(List<JobExecution> executions) {
            return executions.stream().map(e -> e.jobId() + ":" + e.status()).toList();
        }
    }
}
