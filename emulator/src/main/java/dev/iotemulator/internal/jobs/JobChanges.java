package dev.iotemulator.internal.jobs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The messages one change of the {@link Jobs} service sends: for each thing it touched, {@code notify} if the thing's
 * pending list changed and {@code notify-next} if its next execution did, then the Jobs events. Built under the lock,
 * sent after it.
 */
final class JobChanges {

    private final JobRecords records;
    private final Map<String, List<String>> pendingBefore = new LinkedHashMap<>();
    private final Map<String, String> nextBefore = new LinkedHashMap<>();
    private final List<JobEvents.Message> messages = new ArrayList<>();

    JobChanges(JobRecords records) {
        this.records = records;
    }

    /** Notes a thing's pending list before the change touches it. */
    void track(String thing) {
        if (!pendingBefore.containsKey(thing)) {
            List<JobExecution> pending = records.pending(thing);
            pendingBefore.put(thing, ids(pending));
            nextBefore.put(thing, pending.isEmpty() ? null : pending.get(0).jobId());
        }
    }

    /** Adds an event; null (events off) adds nothing. */
    void event(JobEvents.Message message) {
        if (message != null) {
            messages.add(message);
        }
    }

    /** Adds the notifications of every thing touched; called once, under the lock, after the change. */
    void finish(Instant now) {
        List<JobEvents.Message> notifications = new ArrayList<>();
        for (String thing : pendingBefore.keySet()) {
            List<JobExecution> pending = records.pending(thing);
            if (!ids(pending).equals(pendingBefore.get(thing))) {
                notifications.add(JobEvents.jobsChanged(thing, pending, now));
            }
            Optional<JobExecution> next = pending.stream().findFirst();
            if (!Objects.equals(next.map(JobExecution::jobId).orElse(null), nextBefore.get(thing))) {
                notifications.add(JobEvents.nextChanged(thing, next.orElse(null),
                        next.map(n -> records.job(n.jobId()).document()).orElse(null), now));
            }
        }
        messages.addAll(0, notifications);
    }

    void send(Jobs.Outbox outbox) {
        messages.forEach(m -> outbox.publish(m.topic(), m.payload()));
    }

    private static List<String> ids(List<JobExecution> executions) {
        return executions.stream().map(e -> e.jobId() + ":" + e.status()).toList();
    }
}
