package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.ServerTls;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who a client is when its transport did not already say (SigV4 at the WebSocket upgrade does): over TLS its client
 * certificate, over plain TCP an access key id and secret as username and password, or the default credential.
 * Each refusal is logged with what to change.
 */
final class ConnectIdentities {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectIdentities.class);

    private final MqttConnection conn;

    ConnectIdentities(MqttConnection conn) {
        this.conn = conn;
    }

    /**
     * MQTT over TLS: the client certificate is the identity. It was checked during the handshake; it is checked again
     * here because its status may have changed since.
     */
    Optional<ConnectionIdentity> certificateIdentity(SslHandler tls) {
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
            ConnectStep.connectRefused(conn, "NO_CLIENT_CERTIFICATE", "MQTT over TLS (ALPN " + ServerTls.ALPN_MQTT
                    + ") needs a client certificate, as at AWS IoT; use WSS with SigV4 otherwise");
            return Optional.empty();
        }
        Optional<String> refusal = registry.refusal(certificate);
        if (refusal.isPresent()) {
            ConnectStep.connectRefused(conn, "CERTIFICATE", refusal.get());
            return Optional.empty();
        }
        return registry.find(DeviceCertificates.idOf(certificate)).map(ConnectionIdentity::x509);
    }

    /** Plain TCP has no SigV4: a client may log in with an access key id and secret, otherwise it is the default. */
    Optional<ConnectionIdentity> tcpIdentity(MqttConnectPayload payload) {
        String username = payload.userName();
        if (username != null) {
            Optional<LocalCredential> named = conn.context.credentials().find(username);
            if (named.isPresent()) {
                byte[] password = payload.passwordInBytes();
                byte[] expected = named.get().secretAccessKey().getBytes(StandardCharsets.UTF_8);
                if (password == null || !MessageDigest.isEqual(expected, password)) {
                    ConnectStep.connectRefused(conn, "BAD_PASSWORD", "username is access key id " + username
                            + " but the password is not its secret access key");
                    return Optional.empty();
                }
                return Optional.of(ConnectionIdentity.localTcp(named.get()));
            }
        }
        if (!conn.context.anonymousTcpLogin()) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=LOGIN_REQUIRED message=\"{}; anonymous "
                    + "plain MQTT/TCP logins are off (the default when the emulator listens beyond this machine), so "
                    + "log in with username = access key id and password = secret access key, or start the emulator "
                    + "with --anonymous-tcp-login true (IOT_EMULATOR_ANONYMOUS_TCP_LOGIN)\"",
                    LogValues.escape(conn.clientId), conn.channel.remoteAddress(), username == null
                            ? "the CONNECT has no username" : "username " + LogValues.escape(username)
                            + " is no access key id of credentials.json");
            return Optional.empty();
        }
        return Optional.of(ConnectionIdentity.localTcp(conn.context.credentials().defaultCredential()));
    }
}
