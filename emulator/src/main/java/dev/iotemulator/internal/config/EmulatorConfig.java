package dev.iotemulator.internal.config;

import dev.iotemulator.internal.auth.LocalCredential;
import java.util.List;

/**
 * What the configuration directory holds.
 *
 * @param source where it was read from, for the start-up banner and error messages
 */
public record EmulatorConfig(String source, List<LocalCredential> credentials) {

    public EmulatorConfig {
        credentials = List.copyOf(credentials);
    }
}
