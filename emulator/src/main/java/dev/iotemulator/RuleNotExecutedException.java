package dev.iotemulator;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by {@link EmulatorControl#awaitRuleExecution} when no matching rule execution happened in time. The message
 * lists the latest executions, and for a rule that never ran, which rules nearly matched the latest topics and why not.
 */
public class RuleNotExecutedException extends IotEmulatorException {

    private static final long serialVersionUID = 1L;

    public RuleNotExecutedException(String message) {
        super(message);
    }

    /** The explanation both {@link IotEmulator} and {@link RemoteEmulator} give. */
    static String explain(String what, Duration timeout, List<RuleExecution> executions, List<String> nearMisses,
            String latestTopic) {
        StringBuilder s = new StringBuilder("No rule execution " + what + " within " + timeout.toMillis() + " ms.");
        if (executions.isEmpty()) {
            s.append(" No rule ran at all.");
        } else {
            s.append(" Latest executions:");
            executions.subList(Math.max(0, executions.size() - 5), executions.size())
                    .forEach(e -> s.append("\n  ").append(e.explanation()));
        }
        if (latestTopic != null && !nearMisses.isEmpty()) {
            s.append("\nFor the latest published topic '").append(latestTopic).append("':");
            nearMisses.forEach(n -> s.append("\n  ").append(n));
        }
        return s.toString();
    }
}
