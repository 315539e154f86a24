package dev.iotemulator;

/**
 * Thrown by {@link EmulatorControl#awaitMessage} ({@link IotEmulator}, {@link RemoteEmulator}) when no matching
 * message arrived in time. The message lists what did arrive, nearest topics first.
 */
public class MessageNotReceivedException extends IotEmulatorException {

    private static final long serialVersionUID = 1L;

    public MessageNotReceivedException(String message) {
        super(message);
    }
}
