package dev.iotemulator.internal.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * The TLS configuration of the emulator's two TLS listeners, as AWS IoT's port 443 and port 8883:
 * <ul>
 *   <li>the HTTPS port serves HTTPS and WSS, and MQTT with a client certificate when the client asks for the ALPN
 *       protocol {@value #ALPN_MQTT} (AWS's way of doing mutual-TLS MQTT on 443); a client certificate is optional
 *       there;</li>
 *   <li>the MQTTS port requires a client certificate.</li>
 * </ul>
 */
public final class ServerTls {

    /** The ALPN protocol with which AWS IoT accepts MQTT with a client certificate on port 443. */
    public static final String ALPN_MQTT = "x-amzn-mqtt-ca";

    private final CertificateAuthority.ServerIdentity server;
    private final SslContext https;
    private final SslContext mqtts;

    public ServerTls(DeviceCertificates certificates, List<String> extraNames) {
        this.server = certificates.authority().issueServerCertificate(extraNames);
        ClientCertificateTrust trust = new ClientCertificateTrust(certificates);
        try {
            this.https = builder(certificates, trust)
                    .clientAuth(ClientAuth.OPTIONAL)
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                            ALPN_MQTT, ApplicationProtocolNames.HTTP_1_1))
                    .build();
            this.mqtts = builder(certificates, trust).clientAuth(ClientAuth.REQUIRE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private SslContextBuilder builder(DeviceCertificates certificates, ClientCertificateTrust trust) {
        return SslContextBuilder.forServer(server.key(), server.certificate(), certificates.authority().certificate())
                .sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .trustManager(trust);
    }

    /** HTTPS, WSS and ALPN {@value #ALPN_MQTT}. */
    public SslContext https() {
        return https;
    }

    /** MQTT with a client certificate. */
    public SslContext mqtts() {
        return mqtts;
    }

    /** The names the server certificate is valid for. */
    public List<String> serverNames() {
        return server.names();
    }
}
