package dev.iotemulator;

/** A listener could not bind its port. The message names the option that changes it. */
public class PortInUseException extends IotEmulatorException {

    private static final long serialVersionUID = 1L;

    public PortInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}
