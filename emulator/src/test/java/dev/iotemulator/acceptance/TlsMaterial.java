package dev.iotemulator.acceptance;

import dev.iotemulator.DeviceCertificate;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Client-side TLS from the PEM files AWS IoT hands out: a CA certificate to trust, a device certificate and its
 * private key ({@code CreateKeysAndCertificate} returns a PKCS#1 {@code BEGIN RSA PRIVATE KEY}; PKCS#8
 * {@code BEGIN PRIVATE KEY} and SEC1 {@code BEGIN EC PRIVATE KEY} are read too, unencrypted only). For Paho
 * {@code ssl://} clients ({@code MqttConnectOptions.setSocketFactory}), see {@link PahoClients#connectTls}.
 *
 * <p>The JDK verifies the server certificate against the given CA only; Paho 1.2.5 also checks the host name
 * ({@code setHttpsHostnameVerificationEnabled} is on by default), so connect to a name the server certificate
 * carries, such as {@code localhost}.
 *
 * <p><b>Refused client certificates and Paho.</b> With TLS 1.3 the client finishes its handshake before the server
 * has checked the client certificate; the server's refusal (an alert, or a closed socket) reaches Paho 1.2.5 only on
 * its first read. Its {@code connect} then fails, but its "MQTT Con: &lt;clientId&gt;" thread is left polling forever
 * in {@code CommsReceiver.start} (it waits for a receiver thread that has already ended), which also keeps the JVM
 * from exiting. A test that expects a refusal should restrict the client to TLS 1.2
 * ({@link #onlyProtocols onlyProtocols(factory, "TLSv1.2")}), where the refusal fails the handshake itself.
 */
final class TlsMaterial {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsMaterial() {
    }

    /** Trusts only {@code caPem}; presents no client certificate. */
    static SSLSocketFactory socketFactory(Path caPem) throws IOException, GeneralSecurityException {
        return sslContext(caPem, null, null).getSocketFactory();
    }

    /** Trusts only {@code caPem}; presents {@code certPem} (with any chain after it) signed for {@code keyPem}. */
    static SSLSocketFactory socketFactory(Path caPem, Path certPem, Path keyPem)
            throws IOException, GeneralSecurityException {
        return sslContext(caPem, certPem, keyPem).getSocketFactory();
    }

    /**
     * @param certPem the client certificate, or null for none
     * @param keyPem its private key, or null for none
     */
    static SSLContext sslContext(Path caPem, Path certPem, Path keyPem) throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        List<X509Certificate> cas = certificates(caPem);
        for (int i = 0; i < cas.size(); i++) {
            trusted.setCertificateEntry("ca-" + i, cas.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);

        KeyManagerFactory kmf = null;
        if (certPem != null || keyPem != null) {
            if (certPem == null || keyPem == null) {
                throw new IllegalArgumentException("a client certificate needs both certPem and keyPem");
            }
            KeyStore identity = KeyStore.getInstance(KeyStore.getDefaultType());
            identity.load(null, null);
            identity.setKeyEntry("device", privateKey(keyPem), NO_PASSWORD,
                    certificates(certPem).toArray(Certificate[]::new));
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, NO_PASSWORD);
        }

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    /** Trusts only {@code caPem}; presents {@code device}'s certificate and key, or nothing when it is null. */
    static SSLSocketFactory socketFactory(Path caPem, DeviceCertificate device)
            throws IOException, GeneralSecurityException {
        if (device == null) {
            return socketFactory(caPem);
        }
        DeviceCertificate.Files files = device.writeTo(Files.createTempDirectory("device-"));
        return socketFactory(caPem, files.certificate(), files.privateKey());
    }

    /**
     * As {@link #socketFactory(Path, DeviceCertificate)}, limited to TLS 1.2: for connections that are expected to be
     * refused, so that Paho fails in the handshake and leaks no thread (see the class comment).
     */
    static SSLSocketFactory refusable(Path caPem, DeviceCertificate device)
            throws IOException, GeneralSecurityException {
        return onlyProtocols(socketFactory(caPem, device), "TLSv1.2");
    }

    /** An SSL context trusting only {@code caPem}, for HTTPS clients. */
    static SSLContext trusting(Path caPem) throws IOException, GeneralSecurityException {
        return sslContext(caPem, null, null);
    }

    /** A self-signed RSA certificate with its keys, which the emulator has never seen: a device of "another CA". */
    static DeviceCertificate selfSigned(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                new X500Name(subject), BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        return new DeviceCertificate("0".repeat(64), "none", pem(cert), pem(keys.getPublic()), pem(keys.getPrivate()));
    }

    private static String pem(Object o) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o);
        }
        return out.toString();
    }

    /** {@code factory}, with every socket it creates limited to {@code protocols}, e.g. {@code "TLSv1.2"}. */
    static SSLSocketFactory onlyProtocols(SSLSocketFactory factory, String... protocols) {
        return new RestrictedFactory(factory, protocols.clone());
    }

    /** Every certificate in a PEM file, in file order. */
    static List<X509Certificate> certificates(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> all = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast)
                    .toList();
            if (all.isEmpty()) {
                throw new GeneralSecurityException("no certificate in " + pem);
            }
            return all;
        }
    }

    /** The first private key in a PEM file: PKCS#1 RSA, SEC1 EC or PKCS#8, unencrypted. */
    static PrivateKey privateKey(Path pem) throws IOException {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (Reader reader = Files.newBufferedReader(pem, StandardCharsets.US_ASCII);
                PEMParser parser = new PEMParser(reader)) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        }
        throw new IOException("no unencrypted private key in " + pem);
    }

    private static final class RestrictedFactory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final String[] protocols;

        RestrictedFactory(SSLSocketFactory delegate, String[] protocols) {
            this.delegate = delegate;
            this.protocols = protocols;
        }

        private Socket restrict(Socket socket) {
            ((SSLSocket) socket).setEnabledProtocols(protocols);
            return socket;
        }

        @Override
        public Socket createSocket() throws IOException {
            return restrict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return restrict(delegate.createSocket(address, port, localAddress, localPort));
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return delegate.getDefaultCipherSuites();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }
    }
}
