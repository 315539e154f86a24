package dev.iotemulator.internal.jobs;

import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.store.CollectionNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The jobs and executions the {@link Jobs} service keeps, in memory and in the store (collections
 * {@value CollectionNames#JOBS} and {@value CollectionNames#JOB_EXECUTIONS}). Not thread-safe: {@link Jobs} calls it
 * under its lock.
 */
final class JobRecords {

    private final Documents documents;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Map<String, JobExecution>> byThing = new LinkedHashMap<>();

    /** Reads back what the store holds, in the order the jobs were created and the executions queued. */
    JobRecords(Documents documents) {
        this.documents = documents;
        documents.all(CollectionNames.JOBS, Job.class).values().stream()
                .sorted(Comparator.comparing(Job::createdAt)).forEach(j -> jobs.put(j.jobId(), j));
        documents.all(CollectionNames.JOB_EXECUTIONS, JobExecution.class).values().stream()
                .sorted(Comparator.comparing(JobExecution::queuedAt))
                .forEach(e -> byThing.computeIfAbsent(e.thingName(), t -> new LinkedHashMap<>()).put(e.jobId(), e));
    }

    Job job(String jobId) {
        return jobs.get(jobId);
    }

    Collection<Job> jobs() {
        return jobs.values();
    }

    void put(Job job) {
        jobs.put(job.jobId(), job);
        documents.put(CollectionNames.JOBS, job.jobId(), job);
    }

    void remove(Job job) {
        jobs.remove(job.jobId());
        documents.delete(CollectionNames.JOBS, job.jobId());
    }

    JobExecution execution(String thingName, String jobId) {
        return byThing.getOrDefault(thingName, Map.of()).get(jobId);
    }

    void put(JobExecution e) {
        byThing.computeIfAbsent(e.thingName(), t -> new LinkedHashMap<>()).put(e.jobId(), e);
        documents.put(CollectionNames.JOB_EXECUTIONS, key(e), e);
    }

    void remove(JobExecution e) {
        byThing.getOrDefault(e.thingName(), new LinkedHashMap<>()).remove(e.jobId());
        documents.delete(CollectionNames.JOB_EXECUTIONS, key(e));
    }

    /** A job's executions, by thing name. */
    List<JobExecution> executionsOf(String jobId) {
        List<JobExecution> all = new ArrayList<>();
        byThing.values().forEach(m -> Optional.ofNullable(m.get(jobId)).ifPresent(all::add));
        all.sort(Comparator.comparing(JobExecution::thingName));
        return all;
    }

    /** A thing's executions, oldest first. */
    List<JobExecution> executionsOn(String thingName) {
        return List.copyOf(byThing.getOrDefault(thingName, Map.of()).values());
    }

    /** Every execution of every thing. */
    List<JobExecution> executions() {
        List<JobExecution> all = new ArrayList<>();
        byThing.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** The thing's pending executions: IN_PROGRESS ones, then QUEUED ones, oldest first in each. */
    List<JobExecution> pending(String thingName) {
        List<JobExecution> pending = new ArrayList<>();
        Collection<JobExecution> all = byThing.getOrDefault(thingName, Map.of()).values();
        all.stream().filter(e -> e.status() == JobExecution.Status.IN_PROGRESS).forEach(pending::add);
        all.stream().filter(e -> e.status() == JobExecution.Status.QUEUED).forEach(pending::add);
        return pending;
    }

    /** How many executions of a job are in each status. */
    Map<JobExecution.Status, Integer> counts(String jobId) {
        Map<JobExecution.Status, Integer> counts = new LinkedHashMap<>();
        for (JobExecution.Status s : JobExecution.Status.values()) {
            counts.put(s, 0);
        }
        executionsOf(jobId).forEach(e -> counts.merge(e.status(), 1, Integer::sum));
        return counts;
    }

    private static String key(JobExecution e) {
        return e.thingName() + "/" + e.jobId();
    }
}
