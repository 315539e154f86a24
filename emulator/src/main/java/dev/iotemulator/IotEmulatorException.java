package dev.iotemulator;

/** The root of everything the emulator throws. Its message says what went wrong and how to fix it. */
public class IotEmulatorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public IotEmulatorException(String message) {
        super(message);
    }

    public IotEmulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
