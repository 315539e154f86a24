package dev.iotemulator.internal.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, during the TLS handshake, whether a client certificate may connect: as at AWS IoT, only registered,
 * ACTIVE, unexpired certificates may, whoever issued them. Every refusal is logged with the reason and the fix; the
 * client only sees the handshake fail, as it would at AWS.
 *
 * <p>No issuer list is advertised, so clients offer whatever certificate they are configured with.
 */
public final class ClientCertificateTrust extends X509ExtendedTrustManager {

    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificateTrust.class);
    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final DeviceCertificates certificates;

    public ClientCertificateTrust(DeviceCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, engine == null ? "unknown" : engine.getPeerHost() + ":" + engine.getPeerPort());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, socket == null ? "unknown" : String.valueOf(socket.getRemoteSocketAddress()));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, "unknown");
    }

    private void check(X509Certificate[] chain, String remote) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no client certificate");
        }
        Optional<String> refusal;
        try {
            refusal = certificates.refusal(chain[0]);
        } catch (RuntimeException e) {
            refusal = Optional.of("the certificate could not be checked: " + e);
        }
        if (refusal.isPresent()) {
            LOG.warn("event=tls_client_certificate_refused remote={} message=\"{}\"", remote, refusal.get());
            throw new RefusedCertificateException(refusal.get());
        }
    }

    /** A refusal that has already been logged with its reason. */
    public static final class RefusedCertificateException extends CertificateException {
        private static final long serialVersionUID = 1L;

        RefusedCertificateException(String message) {
            super(message);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("the emulator's listeners only check client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("the emulator's listeners only check client certificates");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("the emulator's listeners only check client certificates");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
