package dev.iotemulator.internal.tls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/**
 * PEM text to and from Java key and certificate objects. Private keys are written in the OpenSSL "traditional"
 * form ({@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY}), which is what AWS IoT's
 * {@code CreateKeysAndCertificate} hands out; both that and PKCS#8 are read.
 */
public final class Pem {

    private Pem() {
    }

    /** One certificate or key as PEM text. */
    public static String write(Object certificateOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** A private key in PKCS#8 form ({@code BEGIN PRIVATE KEY}), which keeps an EC key's curve with it. */
    public static String writePkcs8(java.security.PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                        .encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** Every certificate in {@code pem}, in order; other PEM objects are skipped. */
    public static List<X509Certificate> certificates(String pem) throws CertificateException {
        List<X509Certificate> found = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof X509CertificateHolder holder) {
                    found.add(converter.getCertificate(holder));
                }
            }
        } catch (IOException e) {
            throw new CertificateException("not PEM: " + e.getMessage(), e);
        }
        return found;
    }

    /** The single certificate in {@code pem}. */
    public static X509Certificate certificate(String pem) throws CertificateException {
        if (pem.strip().startsWith("-----BEGIN CERTIFICATE-----")
                && pem.indexOf("-----BEGIN", pem.indexOf("-----END")) < 0) {
            // One certificate: the JDK reads it without loading BouncyCastle, which keeps start-up quick.
            return (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(
                            pem.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        List<X509Certificate> all = certificates(pem);
        if (all.size() != 1) {
            throw new CertificateException("expected one PEM certificate (-----BEGIN CERTIFICATE-----) but found "
                    + all.size());
        }
        return all.get(0);
    }

    /** The private key in {@code pem} (traditional or PKCS#8, unencrypted). */
    public static PrivateKey privateKey(String pem) throws CertificateException {
        String text = pem.strip();
        if (text.startsWith("-----BEGIN PRIVATE KEY-----") && text.endsWith("-----END PRIVATE KEY-----")) {
            byte[] der = java.util.Base64.getMimeDecoder().decode(text.substring(27, text.length() - 25));
            for (String algorithm : new String[] {"EC", "RSA"}) {
                try {
                    return java.security.KeyFactory.getInstance(algorithm)
                            .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
                } catch (java.security.GeneralSecurityException e) {
                    // try the next algorithm
                }
            }
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
                if (o instanceof PEMKeyPair pair) {
                    // Only the private part: a SEC1 EC key may carry no public key.
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
            }
        } catch (IOException e) {
            throw new CertificateException("not a PEM private key: " + e.getMessage(), e);
        }
        throw new CertificateException("no unencrypted PEM private key found");
    }
}
