package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.authz.ConnectionPolicy;
import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.KeepAlive;
import dev.iotemulator.internal.mqtt.LifecycleEvents;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.refusals.RefusalLog;
import dev.iotemulator.internal.session.SessionRegistry.Attachment;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's CONNECT: AWS IoT's checks (protocol level, client id, Will), who the client is (SigV4 established at
 * the WebSocket upgrade, the client certificate, or a TCP login), {@code iot:Connect}, then its session, new or
 * resumed. The CONNACK goes out once the session is ready, so the broker already processes what the client sends
 * next.
 *
 * <p>MQTT 3.1.1 and 5 differ in how a CONNECT is refused (developer guide, "MQTT"): a 3.1.1 client that breaks a rule
 * or is not authorized is disconnected without a CONNACK, an MQTT 5 client gets a CONNACK with AWS's reason code
 * (0x85 client identifier not valid, 0x86 bad user name or password, 0x87 not authorized, 0x90 topic name invalid,
 * 0x9B QoS not supported). An MQTT 5 client also gets AWS's CONNACK properties, an assigned client id when it sent
 * an empty one, and its own session expiry.
 */
final class ConnectStep {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectStep.class);
    private static final int MQTT_5 = MqttVersion.MQTT_5.protocolLevel();

    private final MqttConnection conn;
    private final Runnable onConnected;
    private String assignedClientId;

    /** @param onConnected runs on the connection's loop once the CONNACK is out */
    ConnectStep(MqttConnection conn, Runnable onConnected) {
        this.conn = conn;
        this.onConnected = onConnected;
    }

    void connect(MqttConnectMessage connect) {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        conn.clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        int version = header.version();
        if (version != 3 && version != 4 && version != MQTT_5) {
            connectRefused(conn, "UNSUPPORTED_PROTOCOL", "MQTT protocol level " + version + " is not one AWS IoT "
                    + "speaks; connect with MQTT 3.1.1 (level 4) or 5");
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            return;
        }
        if (version == MQTT_5 && !readMqtt5(connect)) {
            return;
        }
        if (conn.clientId.isEmpty()) {
            if (conn.v5 == null) {
                connectRefused(conn, "EMPTY_CLIENT_ID", "the CONNECT has an empty client id; give the client an id "
                        + "of 1 to 128 bytes");
                refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
                return;
            }
            // MQTT 5: the server assigns one; AWS reserves ids starting with $ for the ones it generates.
            assignedClientId = "$" + UUID.randomUUID().toString().replace("-", "");
            conn.clientId = assignedClientId;
        }
        Optional<Violation> violation = conn.context.rules().checkConnect(connect);
        if (violation.isPresent()) {
            refuseViolation(violation.get());
            return;
        }
        if (conn.identity == null && !identify(payload)) {
            return;
        }
        conn.lifecycle = new LifecycleEvents.Session(conn.clientId, UUID.randomUUID().toString().replace("-", ""),
                conn.identity.principalIdentifier(conn.context.accountId()), conn.remoteIp());
        conn.policy = conn.context.authorizer().forConnection(conn.identity, conn.clientId,
                conn.channel.remoteAddress());
        boolean persistent = conn.v5 == null ? !header.isCleanSession() : conn.v5.sessionExpirySeconds() > 0;
        if (!conn.policy.mayConnect(!persistent, header.isWillFlag() ? payload.willTopic() : null,
                header.isWillFlag() && header.isWillRetain(), conn.v5 == null
                        ? ConnectionPolicy.CLOSED_WITHOUT_CONNACK : ConnectionPolicy.REFUSED_0X87)) {
            conn.context.lifecycle().connectFailed(conn.lifecycle, "AUTHORIZATION_FAILED");
            if (conn.v5 != null) {
                refuse(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5);
            } else {
                conn.close(DisconnectReason.AUTH_ERROR);
            }
            return;
        }
        conn.state = MqttConnection.State.CONNECTING;
        conn.keepAliveSeconds = header.keepAliveTimeSeconds();
        conn.protocolVersion = header.version();
        // The gateway keeps the Will and the keep-alive itself, so it can apply AWS's rules to both.
        conn.will = LastWill.of(connect);
        conn.channel.config().setAutoRead(false);
        long expiryMillis = conn.v5 == null ? (persistent ? conn.context.sessionExpiryCap().toMillis() : 0)
                : conn.v5.sessionExpirySeconds() * 1000;
        conn.context.sessions().connect(conn, header.isCleanSession(), expiryMillis, conn.v5 != null)
                .whenComplete((attachment, failure) -> conn.channel.eventLoop().execute(() ->
                        attached(attachment, failure)));
    }

    /** Reads what an MQTT 5 CONNECT adds; false when it was refused for it. */
    private boolean readMqtt5(MqttConnectMessage connect) {
        try {
            conn.v5 = Mqtt5Client.read(connect, conn.context.sessionExpiryCap().toSeconds());
            return true;
        } catch (Mqtt5Client.ProtocolError e) {
            connectRefused(conn, "PROTOCOL_ERROR", e.getMessage() + "; MQTT 5 does not allow it");
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_PROTOCOL_ERROR);
            return false;
        }
    }

    /** MQTT 5: a CONNACK with the violation's reason code; MQTT 3.1.1: disconnected. */
    private void refuseViolation(Violation violation) {
        if (conn.v5 == null) {
            conn.clientError(violation.problem());
            return;
        }
        connectRefused(conn, "REASON_CODE_" + violation.code(), violation.problem());
        refuse(MqttConnectReturnCode.valueOf((byte) violation.code().value()));
    }

    /** Establishes who the client is from its certificate or TCP login; false when it was refused. */
    private boolean identify(MqttConnectPayload payload) {
        SslHandler tls = conn.channel.pipeline().get(SslHandler.class);
        ConnectIdentities identities = new ConnectIdentities(conn);
        Optional<ConnectionIdentity> found = tls != null ? identities.certificateIdentity(tls)
                : identities.tcpIdentity(payload);
        if (found.isEmpty()) {
            boolean v5 = conn.v5 != null;
            refuse(tls != null || payload.userName() == null
                    ? v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5
                            : MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                    : v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                            : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return false;
        }
        conn.identity = found.get();
        return true;
    }

    /** A CONNECT the decoder could not read: the true cause logged, and the CONNACK code MQTT has for it. */
    void undecodable(UndecodablePacket packet) {
        if (packet.refusal() == null) {
            conn.clientError(packet.problem());
            return;
        }
        connectRefused(conn, packet.refusal().name(), packet.problem());
        refuse(packet.refusal());
    }

    private void attached(Attachment attachment, Throwable failure) {
        if (conn.closed()) {
            if (attachment != null) {
                attachment.session().execute(() -> attachment.session().detach(conn));
            }
            return;
        }
        if (failure != null) {
            LOG.error("event=connect_failed clientId={} error=\"{}\"", LogValues.escape(conn.clientId),
                    failure.toString());
            refuse(conn.v5 == null ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5);
            return;
        }
        conn.session = attachment.session();
        conn.subscriptions.addAll(attachment.subscriptions());
        conn.state = MqttConnection.State.CONNECTED;
        conn.connectedAt = Instant.now();
        conn.channel.pipeline().addBefore(conn.channel.pipeline().context(MqttConnectionHandler.class).name(),
                "mqtt-keepalive", new IdleStateHandler(KeepAlive.timeoutMillis(conn.keepAliveSeconds), 0, 0,
                        TimeUnit.MILLISECONDS));
        MqttProperties properties = conn.v5 == null ? MqttProperties.NO_PROPERTIES
                : conn.v5.connAckProperties(conn.keepAliveSeconds, assignedClientId);
        conn.channel.writeAndFlush(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .properties(properties)
                .sessionPresent(attachment.sessionPresent()).build());
        conn.lifecycleVersion = conn.context.lifecycle().connected(conn.lifecycle);
        conn.context.journal().connect(conn.clientId, conn.identity.principal(), conn.transport);
        LOG.debug("event=connected clientId={} remote={} transport={} principal={} mqtt={} sessionPresent={}",
                LogValues.escape(conn.clientId), conn.channel.remoteAddress(), conn.transport,
                conn.identity.principal(), conn.v5 == null ? "3.1.1" : "5", attachment.sessionPresent());
        conn.session.execute(conn.session::startDelivering);
        onConnected.run();
        conn.channel.config().setAutoRead(true);
    }

    /** Logs a refused CONNECT and keeps it for the refusal report ({@code GET /__emulator/refusals}). */
    static void connectRefused(MqttConnection conn, String reason, String message) {
        String clientId = conn.clientId == null || conn.clientId.isEmpty() ? null : conn.clientId;
        LOG.warn("event=connect_refused clientId={} remote={} reason={} message=\"{}\"", LogValues.escape(clientId),
                conn.channel.remoteAddress(), reason, LogValues.escape(message));
        conn.context.refusals().record(RefusalLog.Kind.CONNECT, reason, message, clientId,
                conn.identity == null ? null : conn.identity.principal(), String.valueOf(conn.channel.remoteAddress()),
                Map.of());
    }

    /**
     * A CONNACK with {@code code}, then the connection closes. Netty encodes it the client's way: two bytes for
     * MQTT 3.1.1, with an empty property list for MQTT 5, whose codes (0x80 and up) the caller picks.
     */
    private void refuse(MqttConnectReturnCode code) {
        conn.state = MqttConnection.State.CLOSED;
        conn.channel.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).build())
                .addListener(ChannelFutureListener.CLOSE);
    }
}
