package dev.iotemulator.internal.policy;

import dev.iotemulator.internal.text.EditDistance;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Catches misspelt actions ({@code iot:Conect}) when a policy loads. AWS accepts any action string, so a typo
 * silently grants or denies nothing; the emulator warns with the nearest action AWS IoT authorizes on its data
 * plane (developer guide, "AWS IoT Core policy actions"). Only names close to one of those are questioned: anything
 * further away may be a control-plane or another service's action, which a policy may name too.
 */
final class PolicyActions {

    static final List<String> DATA_PLANE = List.of("iot:Connect", "iot:Publish", "iot:Subscribe", "iot:Receive",
            "iot:RetainPublish", "iot:GetThingShadow", "iot:UpdateThingShadow", "iot:DeleteThingShadow",
            "iot:ListNamedShadowsForThing", "iot:GetRetainedMessage", "iot:ListRetainedMessages",
            "iot:DeleteConnection", "iot:GetConnection", "iot:ListSubscriptions", "iot:SendDirectMessage",
            "iot:DescribeJobExecution", "iot:GetPendingJobExecutions", "iot:StartNextPendingJobExecution",
            "iot:UpdateJobExecution", "iot:AssumeRoleWithCertificate");

    private PolicyActions() {
    }

    /** A warning for an action that is probably a typo of a data-plane action; empty for anything else. */
    static Optional<String> typo(String action) {
        if (action.contains("*") || action.contains("?") || action.contains("${")) {
            return Optional.empty();
        }
        String lower = action.toLowerCase(Locale.ROOT);
        String nearest = null;
        int best = Integer.MAX_VALUE;
        for (String known : DATA_PLANE) {
            String knownLower = known.toLowerCase(Locale.ROOT);
            if (knownLower.equals(lower)) {
                return Optional.empty();
            }
            int distance = Math.min(EditDistance.between(lower, knownLower),
                    EditDistance.between(lower, knownLower.substring(4)));
            if (distance < best) {
                best = distance;
                nearest = known;
            }
        }
        boolean noService = action.indexOf(':') < 0;
        if (noService && best == 0) {
            return Optional.of("action \"" + action + "\" has no service prefix; write \"" + nearest + "\"");
        }
        if (best <= Math.max(2, action.length() / 6)) {
            return Optional.of("unknown action \"" + action + "\"; did you mean \"" + nearest + "\"? As written it "
                    + "matches no request, so the statement never applies to one");
        }
        return Optional.empty();
    }
}
