package dev.iotemulator.internal.store;

import dev.iotemulator.IotEmulatorException;

/** The store cannot be opened or written; the message names the data directory and what to do. */
public final class StoreException extends IotEmulatorException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
