package dev.iotemulator.internal.tls;

import io.netty.handler.ssl.SslHandler;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * The TLS configuration of the emulator's two TLS listeners, as AWS IoT's port 443 and port 8883:
 * <ul>
 *   <li>the HTTPS port serves HTTPS and WSS, and MQTT with a client certificate when the client asks for the ALPN
 *       protocol {@value #ALPN_MQTT} (AWS's way of doing mutual-TLS MQTT on 443); only such a client is asked for a
 *       certificate, as at AWS;</li>
 *   <li>the MQTTS port requires a client certificate.</li>
 * </ul>
 * Built on the JDK's own {@link SSLContext} with a key manager that holds the key directly: Netty's
 * {@code SslContextBuilder} and a PKCS#12 key store each add hundreds of milliseconds to a cold start.
 */
public final class ServerTls {

    /** The ALPN protocol with which AWS IoT accepts MQTT with a client certificate on port 443. */
    public static final String ALPN_MQTT = "x-amzn-mqtt-ca";
    public static final String ALPN_HTTP_1_1 = "http/1.1";
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private final SSLContext context;

    public ServerTls(DeviceCertificates certificates, List<String> extraNames) {
        CertificateAuthority.ServerIdentity server = certificates.authority().serverIdentity(extraNames);
        try {
            context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {new ServerKeyManager(server.key(), new X509Certificate[] {
                server.certificate(), certificates.authority().certificate()})},
                    new TrustManager[] {new ClientCertificateTrust(certificates)}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A handler for the HTTPS port: ALPN {@value #ALPN_MQTT} is chosen when offered, {@code http/1.1} otherwise.
     *
     * @param offersMqtt whether the client's ClientHello offers ALPN {@value #ALPN_MQTT}: only then is a client
     *     certificate asked for (and still optional: the MQTT CONNECT without one is refused with the reason)
     */
    public SslHandler httpsHandler(String peerHost, int peerPort, boolean offersMqtt) {
        SSLEngine engine = engine(peerHost, peerPort);
        engine.setWantClientAuth(offersMqtt);
        engine.setHandshakeApplicationProtocolSelector((e, offered) -> offered.contains(ALPN_MQTT) ? ALPN_MQTT
                : offered.contains(ALPN_HTTP_1_1) ? ALPN_HTTP_1_1 : null);
        return new SslHandler(engine);
    }

    /** A handler for the MQTTS port: a client certificate is required. */
    public SslHandler mqttsHandler(String peerHost, int peerPort) {
        SSLEngine engine = engine(peerHost, peerPort);
        engine.setNeedClientAuth(true);
        return new SslHandler(engine);
    }

    private SSLEngine engine(String peerHost, int peerPort) {
        SSLEngine engine = peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        engine.setSSLParameters(parameters);
        return engine;
    }
}
