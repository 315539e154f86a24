package dev.iotemulator.internal.pipeline;

/**
 * Stage 2: the publishing principal's IoT policies ({@code iot:Publish}, and {@code iot:RetainPublish} for a retained
 * message), as its {@link Origin} decides them. The emulator's own messages have no principal to check.
 */
final class AuthorizationStage {

    /** The denial, or null when the origin may publish the message. */
    Outcome.Denied check(Publish p, Origin origin) {
        String reason = origin.denyPublish(p.topic(), p.retain());
        return reason == null ? null : new Outcome.Denied(reason);
    }
}
