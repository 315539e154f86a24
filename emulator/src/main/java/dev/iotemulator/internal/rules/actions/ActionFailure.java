package dev.iotemulator.internal.rules.actions;

/** An action that could not do its work; the message becomes the error action's {@code errorMessage}. */
public final class ActionFailure extends RuntimeException {

    public ActionFailure(String message) {
        super(message);
    }

    public ActionFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
