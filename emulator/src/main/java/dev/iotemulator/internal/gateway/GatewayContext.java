package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.PresignedUrlVerifier;
import dev.iotemulator.internal.dataplane.DataPlane;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.TlsSetup;
import java.util.concurrent.CompletableFuture;

/**
 * What every handler of the gateway shares.
 *
 * @param tls the TLS set-up, which may still be in progress; null when TLS is off
 */
record GatewayContext(GatewaySettings settings, PresignedUrlVerifier verifier, CredentialStore credentials,
        ConnectionRegistry registry, BrokerAddress broker, Authorizer authorizer, ClientPacketRules rules,
        Lifecycle lifecycle, SessionMemory sessions, RetainedStore retained, ShadowService shadows,
        DataPlane dataPlane, BrowserAccess browser, Journal journal, CompletableFuture<TlsSetup> tls) {

    /** The device certificates, or null while TLS is being set up or when it is off. */
    DeviceCertificates certificates() {
        return TlsSetup.certificatesIfReady(tls);
    }

    /** The broker's loopback port and server-side publisher, known only once it has started. */
    static final class BrokerAddress {
        private volatile int port;
        private volatile ServerPublisher publisher;

        int port() {
            return port;
        }

        void port(int port) {
            this.port = port;
        }

        ServerPublisher publisher() {
            return publisher;
        }

        void publisher(ServerPublisher publisher) {
            this.publisher = publisher;
        }
    }
}
