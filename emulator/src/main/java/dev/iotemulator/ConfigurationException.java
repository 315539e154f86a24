package dev.iotemulator;

/** A configuration file or option is invalid. The message names the file, the place in it and what was expected. */
public class ConfigurationException extends IotEmulatorException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
