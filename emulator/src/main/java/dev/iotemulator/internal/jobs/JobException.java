package dev.iotemulator.internal.jobs;

/**
 * A device's Jobs request that AWS would reject, with the {@code code} of the MQTT {@code /rejected} payload; the HTTP
 * data plane maps it to its own error.
 *
 * @see Code
 */
public final class JobException extends RuntimeException {

    /** The codes of the Jobs MQTT API's rejected payload, spelled as AWS spells them. */
    public enum Code {
        InvalidTopic, InvalidJson, InvalidRequest, InvalidStateTransition, ResourceNotFound, VersionMismatch,
        InternalError, RequestThrottled, TerminalStateReached
    }

    private final Code code;
    private final transient JobExecution execution;

    /** @param execution the execution's current state, sent with InvalidStateTransition and VersionMismatch */
    public JobException(Code code, String message, JobExecution execution) {
        super(message, null, false, false);
        this.code = code;
        this.execution = execution;
    }

    public Code code() {
        return code;
    }

    /** The execution's state when the code calls for it; otherwise null. */
    public JobExecution execution() {
        return code == Code.InvalidStateTransition || code == Code.VersionMismatch ? execution : null;
    }
}
