package dev.iotemulator.internal.jobs;

import java.time.Instant;
import java.util.List;

/**
 * A job as DescribeJob shows it.
 *
 * @param targets thing and thing group ARNs
 * @param inProgressTimeoutMinutes {@code timeoutConfig.inProgressTimeoutInMinutes}, or null
 * @param completedAt when it became COMPLETED or CANCELED, or null
 */
public record Job(String jobId, List<String> targets, String document, String documentSource, String description,
        TargetSelection targetSelection, Status status, boolean forceCanceled, String reasonCode, String comment,
        Long inProgressTimeoutMinutes, Instant createdAt, Instant lastUpdatedAt, Instant completedAt) {

    /** AWS's {@code JobStatus}. */
    public enum Status { IN_PROGRESS, CANCELED, COMPLETED, DELETION_IN_PROGRESS, SCHEDULED }

    /** SNAPSHOT completes once every target's execution is done; CONTINUOUS follows thing group membership. */
    public enum TargetSelection { SNAPSHOT, CONTINUOUS }

    public Job {
        targets = List.copyOf(targets);
    }

    Job with(Status newStatus, Instant now) {
        return new Job(jobId, targets, document, documentSource, description, targetSelection, newStatus,
                forceCanceled, reasonCode, comment, inProgressTimeoutMinutes, createdAt, now,
                newStatus == Status.COMPLETED || newStatus == Status.CANCELED ? now : completedAt);
    }

    Job canceled(boolean force, String reason, String cancelComment, Instant now) {
        return new Job(jobId, targets, document, documentSource, description, targetSelection, Status.CANCELED,
                force, reason, cancelComment, inProgressTimeoutMinutes, createdAt, now, now);
    }
}
