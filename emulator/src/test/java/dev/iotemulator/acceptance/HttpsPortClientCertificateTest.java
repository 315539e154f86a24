package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import dev.iotemulator.testing.RawHttp;
import dev.iotemulator.testing.UrlSigner;
import java.net.Socket;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The HTTPS port asks for a client certificate only where AWS IoT's port 443 does: on the MQTT-over-TLS path, ALPN
 * {@code x-amzn-mqtt-ca}. A WSS or HTTPS client is never asked (TLS stacks such as s2n in awscrt 0.16 fail the
 * handshake when asked for a certificate they do not have). The client here is the JDK's own TLS, whose key manager
 * is consulted only when the server sends a CertificateRequest.
 */
@IotEmulatorTest
class HttpsPortClientCertificateTest {

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_without_a_certificate_or_the_mqtt_alpn_is_not_asked_for_one_and_upgrades_to_wss_with_sigv4(
            String protocol, IotEmulator iot) throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager();
        int port = iot.endpoints().httpsPort();
        try (SSLSocket socket = handshake(iot, keys, protocol, List.of("http/1.1"))) {
            assertFalse(keys.asked.get(), "the server sent a CertificateRequest to a client without the MQTT ALPN");
            String host = "localhost:" + port;
            RawHttp.Response response = RawHttp.upgrade(socket, "/mqtt?" + UrlSigner.forHost(host).query(), host,
                    Map.of());
            assertEquals(101, response.status(), response.body());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void a_client_offering_alpn_x_amzn_mqtt_ca_is_asked_for_its_certificate(String protocol, IotEmulator iot)
            throws Exception {
        RecordingKeyManager keys = new RecordingKeyManager();
        try (SSLSocket socket = handshake(iot, keys, protocol, List.of("x-amzn-mqtt-ca"))) {
            assertEquals("x-amzn-mqtt-ca", socket.getApplicationProtocol());
            assertTrue(keys.asked.get(), "no CertificateRequest on the MQTT-over-TLS path");
        }
    }

    private static SSLSocket handshake(IotEmulator iot, RecordingKeyManager keys, String protocol,
            List<String> alpn) throws Exception {
        Path ca = iot.endpoints().caCertificateFile().orElseThrow();
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("emulator-ca", TlsMaterial.certificates(ca).get(0));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {keys}, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
                new Socket("127.0.0.1", iot.endpoints().httpsPort()), "localhost", iot.endpoints().httpsPort(), true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setProtocols(new String[] {protocol});
        parameters.setApplicationProtocols(alpn.toArray(String[]::new));
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    /** A client with no certificate that records whether the server ever asked for one. */
    private static final class RecordingKeyManager extends X509ExtendedKeyManager {
        final AtomicBoolean asked = new AtomicBoolean();

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            asked.set(true);
            return null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            asked.set(true);
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }
}
