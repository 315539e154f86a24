package dev.iotemulator.internal.policy;

/**
 * Names one statement so a log line or admin route can say which statement decided a request.
 *
 * @param policyName the name the policy was loaded under
 * @param index      zero-based position in {@code Statement}, the same number as in {@code $.Statement[index]}
 * @param sid        the statement's {@code Sid}, or {@code null} when it has none
 */
public record StatementRef(String policyName, int index, String sid) {

    /** Renders as {@code policy=<name> statement=<index> sid=<sid>} so log lines stay greppable. */
    @Override
    public String toString() {
        return "policy=" + policyName + " statement=" + index + (sid == null ? "" : " sid=" + sid);
    }
}
