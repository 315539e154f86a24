package dev.iotemulator.internal.connection;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.refusals.RefusalLog;
import dev.iotemulator.internal.session.DropCounters;
import dev.iotemulator.internal.session.FlowControl;
import dev.iotemulator.internal.session.SessionRegistry;
import dev.iotemulator.internal.tls.DeviceCertificates;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What every MQTT connection shares.
 *
 * @param accountId the account id lifecycle events name principals with
 * @param certificates the registered device certificates, or a supplier of null while TLS is being set up or off
 * @param anonymousTcpLogin whether a plain MQTT/TCP client without a username acts as the default credential
 * @param refusals where refused CONNECTs and protocol errors are reported
 */
public record ConnectionContext(MqttLimits limits, String accountId, CredentialStore credentials,
        Authorizer authorizer, Supplier<DeviceCertificates> certificates, PublishPipeline pipeline,
        SessionRegistry sessions, Lifecycle lifecycle, Journal journal, FlowControl flow, DropCounters drops,
        ClientPacketRules rules, boolean anonymousTcpLogin,
        RefusalLog refusals) {

    /**
     * How long a persistent session outlives its connection: an MQTT 3.1.1 one always, an MQTT 5 one at most (AWS
     * IoT's account default: 1 hour).
     */
    public Duration sessionExpiryCap() {
        return sessions.context().persistentExpiry();
    }
}
