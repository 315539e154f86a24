package dev.iotemulator;

import java.time.Instant;
import java.util.List;

/**
 * One evaluation of one topic rule for one message, as the emulator explains it: whether the rule fired, what its
 * WHERE clause compared, what SELECT produced, and what each action answered. Read them with
 * {@link EmulatorControl#ruleExecutions()} and {@link EmulatorControl#awaitRuleExecution(String, java.time.Duration)}.
 *
 * @param sequence increases by one per execution, from the emulator's start
 * @param topic the topic the message was published on (a Basic Ingest topic keeps its {@code $aws/rules/} prefix)
 * @param clientId the publishing MQTT client, or null when none
 * @param fired whether WHERE was true (or absent), so the actions ran
 * @param where the WHERE clause's value ({@code true}, {@code false}, {@code Undefined}, ...), or null without WHERE
 * @param comparisons each comparison WHERE made with the values on both sides, e.g. {@code temp > 30: 25 > 30 is false},
 *     and any function that could not be evaluated
 * @param output what SELECT produced (UTF-8 text, or base64 for a binary payload); null when the rule did not fire
 * @param actions each action's outcome, in the rule's order; empty when the rule did not fire
 * @param errorAction the error action's outcome, or null when no action failed or the rule has none
 */
public record RuleExecution(long sequence, String ruleName, Instant time, String topic, String clientId, boolean fired,
        String where, List<String> comparisons, String output, List<ActionOutcome> actions,
        ActionOutcome errorAction) {

    public RuleExecution {
        comparisons = List.copyOf(comparisons);
        actions = List.copyOf(actions);
    }

    /** Whether the rule fired and every action succeeded. */
    public boolean succeeded() {
        return fired && actions.stream().allMatch(ActionOutcome::succeeded);
    }

    /** One sentence on what happened, for logs and assertion messages. */
    public String explanation() {
        if (!fired) {
            return "rule " + ruleName + " did not fire for '" + topic + "': WHERE was " + where
                    + (comparisons.isEmpty() ? "" : " (" + String.join("; ", comparisons) + ")");
        }
        StringBuilder s = new StringBuilder("rule " + ruleName + " fired for '" + topic + "' with " + output);
        for (ActionOutcome a : actions) {
            s.append("; ").append(a);
        }
        if (errorAction != null) {
            s.append("; error action ").append(errorAction);
        }
        return s.toString();
    }

    /**
     * What one action did.
     *
     * @param action the action's AWS name ({@code republish}, {@code dynamoDBv2}, ...)
     * @param target what it reached, with templates substituted: a topic, URL, table, stream, function ARN, ...
     * @param detail the target's answer (status, ids) on success, the error on failure
     */
    public record ActionOutcome(String action, String target, boolean succeeded, String detail) {

        @Override
        public String toString() {
            return action + " " + target + (succeeded ? " ok" : " FAILED") + (detail == null || detail.isEmpty() ? ""
                    : ": " + detail);
        }
    }
}
