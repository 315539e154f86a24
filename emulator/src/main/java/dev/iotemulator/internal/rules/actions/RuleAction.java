package dev.iotemulator.internal.rules.actions;

/** One configured action of a rule, ready to run. Runs on a rules-engine thread, never the publisher's. */
public interface RuleAction {

    /** The action's AWS name: {@code republish}, {@code lambda}, ... */
    String type();

    /** What it reaches for this input (templates substituted), for the explanation and the error payload. */
    String target(ActionInput input);

    /**
     * Does the work and answers the target's response in words (status, ids).
     *
     * @throws ActionFailure or any runtime exception when the target refused or could not be reached
     */
    String run(ActionInput input);
}
