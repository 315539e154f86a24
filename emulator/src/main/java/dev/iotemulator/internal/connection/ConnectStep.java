package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.KeepAlive;
import dev.iotemulator.internal.mqtt.LifecycleEvents;
import dev.iotemulator.internal.session.SessionRegistry.Attachment;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.ServerTls;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's CONNECT: AWS IoT's checks (protocol level, client id, Will), who the client is (SigV4 established at
 * the WebSocket upgrade, the client certificate, or a TCP login), {@code iot:Connect}, then its session, new or
 * resumed. The CONNACK goes out once the session is ready, so the broker already processes what the client sends
 * next.
 */
final class ConnectStep {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectStep.class);

    private final MqttConnection conn;
    private final Runnable onConnected;

    /** @param onConnected runs on the connection's loop once the CONNACK is out */
    ConnectStep(MqttConnection conn, Runnable onConnected) {
        this.conn = conn;
        this.onConnected = onConnected;
    }

    void connect(MqttConnectMessage connect) {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        conn.clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        if (header.version() != 3 && header.version() != 4) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=UNSUPPORTED_PROTOCOL message=\"MQTT "
                    + "protocol level {} is not emulated yet; connect with MQTT 3.1.1 (level 4)\"", conn.clientId,
                    conn.channel.remoteAddress(), header.version());
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            return;
        }
        if (conn.clientId.isEmpty()) {
            LOG.warn("event=connect_refused remote={} reason=EMPTY_CLIENT_ID message=\"the CONNECT has an empty client "
                    + "id; give the client an id of 1 to 128 bytes\"", conn.channel.remoteAddress());
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            return;
        }
        Optional<String> violation = conn.context.rules().checkConnect(connect);
        if (violation.isPresent()) {
            conn.clientError(violation.get());
            return;
        }
        if (conn.identity == null) {
            SslHandler tls = conn.channel.pipeline().get(SslHandler.class);
            Optional<ConnectionIdentity> found = tls != null ? certificateIdentity(tls) : tcpIdentity(payload);
            if (found.isEmpty()) {
                refuse(tls != null ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                return;
            }
            conn.identity = found.get();
        }
        conn.lifecycle = new LifecycleEvents.Session(conn.clientId, UUID.randomUUID().toString().replace("-", ""),
                conn.identity.principalIdentifier(conn.context.accountId()), conn.remoteIp());
        conn.policy = conn.context.authorizer().forConnection(conn.identity, conn.clientId,
                conn.channel.remoteAddress());
        if (!conn.policy.mayConnect(header.isCleanSession(), header.isWillFlag() ? payload.willTopic() : null,
                header.isWillFlag() && header.isWillRetain())) {
            conn.context.lifecycle().connectFailed(conn.lifecycle, "AUTHORIZATION_FAILED");
            conn.close(DisconnectReason.AUTH_ERROR);
            return;
        }
        conn.state = MqttConnection.State.CONNECTING;
        conn.keepAliveSeconds = header.keepAliveTimeSeconds();
        // The gateway keeps the Will and the keep-alive itself, so it can apply AWS's rules to both.
        conn.will = LastWill.of(connect);
        conn.channel.config().setAutoRead(false);
        conn.context.sessions().connect(conn, header.isCleanSession()).whenComplete((attachment, failure) ->
                conn.channel.eventLoop().execute(() -> attached(attachment, failure)));
    }

    /** A CONNECT the decoder could not read: the true cause logged, and the CONNACK code MQTT has for it. */
    void undecodable(UndecodablePacket packet) {
        if (packet.refusal() == null) {
            conn.clientError(packet.problem());
            return;
        }
        LOG.warn("event=connect_refused clientId={} remote={} transport={} reason={} message=\"{}\"", conn.clientId,
                conn.channel.remoteAddress(), conn.transport, packet.refusal(), packet.problem());
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
            LOG.error("event=connect_failed clientId={} error=\"{}\"", conn.clientId, failure.toString());
            refuse(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        conn.session = attachment.session();
        conn.subscriptions.addAll(attachment.subscriptions());
        conn.state = MqttConnection.State.CONNECTED;
        conn.channel.pipeline().addBefore(conn.channel.pipeline().context(MqttConnectionHandler.class).name(),
                "mqtt-keepalive", new IdleStateHandler(KeepAlive.timeoutMillis(conn.keepAliveSeconds), 0, 0,
                        TimeUnit.MILLISECONDS));
        conn.channel.writeAndFlush(MqttMessageBuilders.connAck()
                .returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(attachment.sessionPresent()).build());
        conn.lifecycleVersion = conn.context.lifecycle().connected(conn.lifecycle);
        conn.context.journal().connect(conn.clientId, conn.identity.principal(), conn.transport);
        LOG.debug("event=connected clientId={} remote={} transport={} principal={} sessionPresent={}", conn.clientId,
                conn.channel.remoteAddress(), conn.transport, conn.identity.principal(),
                attachment.sessionPresent());
        conn.session.execute(conn.session::startDelivering);
        onConnected.run();
        conn.channel.config().setAutoRead(true);
    }

    private void refuse(MqttConnectReturnCode code) {
        conn.state = MqttConnection.State.CLOSED;
        conn.channel.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * MQTT over TLS: the client certificate is the identity. It was checked during the handshake; it is checked again
     * here because its status may have changed since.
     */
    private Optional<ConnectionIdentity> certificateIdentity(SslHandler tls) {
        X509Certificate certificate = null;
        try {
            Certificate[] peer = tls.engine().getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                certificate = x509;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: refused below
        }
        DeviceCertificates registry = conn.context.certificates().get();
        if (certificate == null || registry == null) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=NO_CLIENT_CERTIFICATE message=\"MQTT over "
                    + "TLS (ALPN {}) needs a client certificate, as at AWS IoT; use WSS with SigV4 otherwise\"",
                    conn.clientId, conn.channel.remoteAddress(), ServerTls.ALPN_MQTT);
            return Optional.empty();
        }
        Optional<String> refusal = registry.refusal(certificate);
        if (refusal.isPresent()) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=CERTIFICATE message=\"{}\"", conn.clientId,
                    conn.channel.remoteAddress(), refusal.get());
            return Optional.empty();
        }
        return registry.find(DeviceCertificates.idOf(certificate)).map(ConnectionIdentity::x509);
    }

    /** Plain TCP has no SigV4: a client may log in with an access key id and secret, otherwise it is the default. */
    private Optional<ConnectionIdentity> tcpIdentity(MqttConnectPayload payload) {
        String username = payload.userName();
        if (username != null) {
            Optional<LocalCredential> named = conn.context.credentials().find(username);
            if (named.isPresent()) {
                byte[] password = payload.passwordInBytes();
                byte[] expected = named.get().secretAccessKey().getBytes(StandardCharsets.UTF_8);
                if (password == null || !MessageDigest.isEqual(expected, password)) {
                    LOG.warn("event=connect_refused clientId={} remote={} reason=BAD_PASSWORD message=\"username is "
                            + "access key id {} but the password is not its secret access key\"", conn.clientId,
                            conn.channel.remoteAddress(), username);
                    return Optional.empty();
                }
                return Optional.of(ConnectionIdentity.localTcp(named.get()));
            }
        }
        return Optional.of(ConnectionIdentity.localTcp(conn.context.credentials().defaultCredential()));
    }
}
