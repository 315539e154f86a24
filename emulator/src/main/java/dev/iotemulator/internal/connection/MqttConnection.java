package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.authz.ConnectionPolicy;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.LifecycleEvents;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.pipeline.Origin;
import dev.iotemulator.internal.pipeline.ReceivePermission;
import dev.iotemulator.internal.session.Delivery;
import dev.iotemulator.internal.session.Session;
import dev.iotemulator.internal.session.SessionClient;
import dev.iotemulator.internal.refusals.RefusalLog;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's MQTT connection: who it is, where it stands, and how it ends. The packet handling is split by packet
 * ({@link ConnectStep}, {@link PublishStep}, {@link SubscribeStep}); the session it is attached to outlives it when
 * persistent. Everything here runs on the connection's event loop, except the {@link SessionClient} calls, which
 * hand over to it.
 */
final class MqttConnection implements SessionClient {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);

    enum State { AWAITING_CONNECT, CONNECTING, CONNECTED, CLOSED }

    final ConnectionContext context;
    final Channel channel;
    final String transport;
    State state = State.AWAITING_CONNECT;
    ConnectionIdentity identity;
    ConnectionPolicy policy;
    String clientId = "";
    Session session;
    LastWill will;
    int keepAliveSeconds;
    int protocolVersion;
    volatile Instant connectedAt;
    LifecycleEvents.Session lifecycle;
    long lifecycleVersion;
    /** What MQTT 5 adds to the connection; null for MQTT 3.1.1. */
    Mqtt5Client v5;
    /** The session's filters as this connection knows them, for the per-connection subscription limit. */
    final Set<String> subscriptions = new HashSet<>();

    /** @param identity who the client is, or null when it is established at CONNECT (TCP, client certificates) */
    MqttConnection(ConnectionContext context, Channel channel, ConnectionIdentity identity, String transport) {
        this.context = context;
        this.channel = channel;
        this.identity = identity;
        this.transport = transport;
    }

    boolean closed() {
        return state == State.CLOSED;
    }

    String remoteIp() {
        return channel.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(channel.remoteAddress());
    }

    /** Closes for a protocol or limits violation, as AWS IoT does ({@code CLIENT_ERROR}), with the reason logged. */
    void clientError(String problem) {
        clientError(problem, ReasonCode.PROTOCOL_ERROR);
    }

    /** As {@link #clientError(String)}; an MQTT 5 client gets a DISCONNECT with {@code code} first. */
    void clientError(String problem, ReasonCode code) {
        context.refusals().record(RefusalLog.Kind.PROTOCOL, DisconnectReason.CLIENT_ERROR.name(), problem, clientId,
                identity == null ? null : identity.principal(), String.valueOf(channel.remoteAddress()), Map.of());
        if (v5 == null) {
            LOG.warn("event=client_error clientId={} remote={} transport={} message=\"{}; closing the connection as "
                    + "AWS IoT does\"", LogValues.escape(clientId), channel.remoteAddress(), transport,
                    LogValues.escape(problem));
        } else {
            LOG.warn("event=client_error clientId={} remote={} transport={} reasonCode={} message=\"{}; sending "
                    + "DISCONNECT with that reason code and closing the connection, as AWS IoT does\"",
                    LogValues.escape(clientId), channel.remoteAddress(), transport, code, LogValues.escape(problem));
        }
        close(DisconnectReason.CLIENT_ERROR, code);
    }

    /**
     * Ends the connection once, whoever noticed first. A connection that got its CONNACK publishes its Last Will when
     * AWS would ({@link DisconnectReason#willPublished()}) and its disconnected lifecycle event; its session stays if
     * persistent.
     */
    void close(DisconnectReason reason) {
        close(reason, ReasonCode.forDisconnect(reason));
    }

    /**
     * As {@link #close(DisconnectReason)}; a connected MQTT 5 client gets a DISCONNECT with {@code code} first (none
     * when null).
     */
    void close(DisconnectReason reason, ReasonCode code) {
        close(reason, code, reason.willPublished());
    }

    /** @param publishWill whether the Will goes out (MQTT 5: a client's DISCONNECT may ask for it) */
    void close(DisconnectReason reason, ReasonCode code, boolean publishWill) {
        if (state == State.CLOSED) {
            return;
        }
        boolean wasConnected = state == State.CONNECTED;
        state = State.CLOSED;
        if (wasConnected && v5 != null && code != null && channel.isActive()) {
            channel.writeAndFlush(Mqtt5Client.disconnect(code));
        }
        channel.close();
        if (wasConnected) {
            if (will != null && publishWill) {
                publishWill();
            }
            context.lifecycle().disconnected(lifecycle, reason, lifecycleVersion);
            context.journal().disconnect(clientId, identity.principal(), reason.name());
            LOG.debug("event=disconnected clientId={} reason={}", LogValues.escape(clientId), reason);
        }
        // Last: until the session lets go of this connection, a reset waits for it, so everything above is
        // journaled before the journal is cleared.
        if (session != null) {
            Session attached = session;
            attached.execute(() -> attached.detach(this));
        }
    }

    /**
     * Publishes the Last Will; an MQTT 5 Will with a delay waits for it (at most the session expiry), and does not go
     * out when the session has a new connection by then (MQTT 5 §3.1.3.2.2).
     */
    private void publishWill() {
        var message = will.toPublish(identity.principal(), clientId, System.currentTimeMillis());
        long delay = v5 == null ? 0 : Math.min(will.delaySeconds(), v5.sessionExpirySeconds());
        if (delay <= 0) {
            context.pipeline().publish(message, Origin.SERVER);
            return;
        }
        Session left = session;
        channel.eventLoop().schedule(() -> {
            if (left == null || !left.connectedToAnotherClient()) {
                context.pipeline().publish(message, Origin.SERVER);
            }
        }, delay, TimeUnit.SECONDS);
    }

    /** Closes from another thread (admin, shutdown, takeover) with the given lifecycle reason. */
    CompletableFuture<Void> closeFromAnyThread(DisconnectReason reason) {
        CompletableFuture<Void> closedNow = new CompletableFuture<>();
        Runnable close = () -> {
            close(reason);
            closedNow.complete(null);
        };
        if (channel.eventLoop().inEventLoop()) {
            close.run();
        } else {
            channel.eventLoop().execute(close);
        }
        return closedNow;
    }

    // ---- SessionClient -------------------------------------------------------------------------------------------

    @Override
    public Channel channel() {
        return channel;
    }

    @Override
    public String clientId() {
        return clientId;
    }

    @Override
    public String principal() {
        return identity.principal();
    }

    @Override
    public String transport() {
        return transport;
    }

    @Override
    public String remoteAddress() {
        return String.valueOf(channel.remoteAddress());
    }

    @Override
    public int protocolVersion() {
        return protocolVersion;
    }

    @Override
    public int keepAliveSeconds() {
        return keepAliveSeconds;
    }

    @Override
    public Instant connectedAt() {
        return connectedAt;
    }

    @Override
    public ReceivePermission receivePermission() {
        return policy;
    }

    @Override
    public CompletableFuture<Void> closeFromSession(DisconnectReason reason) {
        return closeFromAnyThread(reason);
    }

    @Override
    public void subscriptionsChanged(boolean subscribed, List<String> filters) {
        context.lifecycle().subscriptions(lifecycle, subscribed, filters);
    }

    @Override
    public boolean mqtt5() {
        return v5 != null;
    }

    @Override
    public int receiveMaximum() {
        return v5 == null ? SessionClient.super.receiveMaximum() : v5.receiveMaximum();
    }

    @Override
    public MqttPublishMessage publishFor(Delivery d, int packetId, boolean dup) {
        return v5 == null ? d.plainPublish(packetId, dup) : v5.publishFor(d, packetId, dup);
    }
}
