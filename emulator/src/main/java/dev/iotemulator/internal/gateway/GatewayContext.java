package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.PresignedUrlVerifier;

/** What every handler of the gateway shares. */
record GatewayContext(GatewaySettings settings, PresignedUrlVerifier verifier, CredentialStore credentials,
        ConnectionRegistry registry, BrokerAddress broker, BrowserAccess browser) {

    /** The broker's loopback port, known only once it has started. */
    static final class BrokerAddress {
        private volatile int port;

        int port() {
            return port;
        }

        void port(int port) {
            this.port = port;
        }
    }
}
