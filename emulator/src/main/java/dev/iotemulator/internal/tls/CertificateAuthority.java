package dev.iotemulator.internal.tls;

import dev.iotemulator.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The emulator's own certificate authority. It signs the TLS listeners' server certificate and the device
 * certificates the emulator creates, as Amazon's CAs do for AWS IoT. Created on first start and kept in the data
 * directory, so a client that trusts it once keeps trusting it; without a data directory it lives only as long as
 * the process.
 *
 * <p>The CA and server keys are EC P-256 (like Amazon Root CA 3); device keys are RSA 2048, as
 * {@code CreateKeysAndCertificate} returns.
 */
public final class CertificateAuthority {

    /** Subdirectory of the data directory that holds the CA. */
    public static final String DIRECTORY = "ca";
    public static final String CERTIFICATE_FILE = "root-ca.pem";
    public static final String KEY_FILE = "root-ca.key";

    private static final String SUBJECT = "CN=IoT Emulator Local CA,O=iot-emulator (local development only)";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** AWS-issued device certificates are valid until the end of 2049. */
    private static final Instant DEVICE_NOT_AFTER = ZonedDateTime.of(2049, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC)
            .toInstant();

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Path certificateFile;
    /** Whether the CA lives in a data directory, where the server certificate is kept beside it. */
    private final boolean kept;
    private final Clock clock;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Path certificateFile, boolean kept,
            Clock clock) {
        this.kept = kept;
        this.certificate = certificate;
        this.key = key;
        this.certificateFile = certificateFile;
        this.clock = clock;
    }

    /** The CA of emulators without a data directory: one per process, made on first use. */
    private static CertificateAuthority inMemory;

    /**
     * The CA kept under {@code dataDir/ca/}, created there on first use; or, when {@code dataDir} is null, a CA held
     * in memory for the life of the process (its certificate written to a temporary file), so that emulators
     * started one after another in a test run share it and start quickly.
     */
    public static CertificateAuthority loadOrCreate(Path dataDir, Clock clock) {
        if (dataDir == null) {
            return inMemory(clock);
        }
        Path dir = dataDir.resolve(DIRECTORY);
        Path certFile = dir.resolve(CERTIFICATE_FILE);
        Path keyFile = dir.resolve(KEY_FILE);
        if (Files.exists(certFile) || Files.exists(keyFile)) {
            return load(certFile, keyFile, clock);
        }
        CertificateAuthority created = create(clock, certFile);
        try {
            Files.createDirectories(dir);
            writePrivate(keyFile, Pem.writePkcs8(created.key));
            Files.writeString(certFile, Pem.write(created.certificate));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write the local certificate authority to " + dir.toAbsolutePath()
                    + ": " + e.getMessage() + ". Check that the data directory (--data-dir, IOT_EMULATOR_DATA_DIR) "
                    + "is writable.", e);
        }
        return created;
    }

    private static synchronized CertificateAuthority inMemory(Clock clock) {
        if (inMemory == null || !Files.isRegularFile(inMemory.certificateFile)) {
            CertificateAuthority created = create(clock, null);
            try {
                Path file = Files.createTempFile("iot-emulator-ca-", ".pem");
                file.toFile().deleteOnExit();
                Files.writeString(file, Pem.write(created.certificate));
                inMemory = new CertificateAuthority(created.certificate, created.key, file, false, clock);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the CA certificate to a temporary file", e);
            }
        }
        return inMemory;
    }

    private static CertificateAuthority load(Path certFile, Path keyFile, Clock clock) {
        String fix = " Restore the file, or delete " + certFile.getParent().toAbsolutePath()
                + " to create a new CA (clients must then trust the new one).";
        try {
            X509Certificate cert = Pem.certificate(Files.readString(certFile, StandardCharsets.US_ASCII));
            PrivateKey key = Pem.privateKey(Files.readString(keyFile, StandardCharsets.US_ASCII));
            if (!sameKey(cert.getPublicKey(), key)) {
                throw new ConfigurationException(keyFile.toAbsolutePath() + " is not the private key of "
                        + certFile.toAbsolutePath() + "." + fix);
            }
            return new CertificateAuthority(cert, key, certFile, true, clock);
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the local certificate authority: " + e + "." + fix, e);
        } catch (CertificateException e) {
            throw new ConfigurationException("The local certificate authority in " + certFile.getParent()
                    .toAbsolutePath() + " is broken: " + e.getMessage() + "." + fix, e);
        }
    }

    private static boolean sameKey(PublicKey publicKey, PrivateKey privateKey) {
        try {
            byte[] probe = "iot-emulator".getBytes(StandardCharsets.US_ASCII);
            java.security.Signature signer = java.security.Signature.getInstance(signatureAlgorithm(privateKey));
            signer.initSign(privateKey);
            signer.update(probe);
            byte[] signature = signer.sign();
            java.security.Signature verifier = java.security.Signature.getInstance(signatureAlgorithm(privateKey));
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static CertificateAuthority create(Clock clock, Path certificateFile) {
        KeyPair keys = ecKeyPair();
        Instant now = clock.instant();
        try {
            X500Name subject = new X500Name(SUBJECT);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(3650))), subject,
                    keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate(), certificateFile,
                    certificateFile != null, clock);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the local certificate authority", e);
        }
    }

    /** The certificate clients trust. */
    public X509Certificate certificate() {
        return certificate;
    }

    public String certificatePem() {
        return Pem.write(certificate);
    }

    /** Where the CA certificate is on disk, for {@code --cafile}-style client options. */
    public Path certificateFile() {
        return certificateFile;
    }

    /** SHA-256 of the CA certificate, colon-separated upper-case hex as {@code openssl x509 -fingerprint} prints. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final String SERVER_CERTIFICATE_FILE = "server.pem";
    private static final String SERVER_KEY_FILE = "server.key";
    private ServerIdentity lastServer;

    /**
     * The TLS listeners' key and certificate for these names: the one issued before when it still fits (same names,
     * signed by this CA, valid for another 30 days), kept beside the CA in the data directory or in memory; otherwise
     * a new one. Reusing it keeps start-up quick: issuing one needs BouncyCastle, loading one does not.
     */
    public synchronized ServerIdentity serverIdentity(List<String> extraNames) {
        List<String> names = serverNames(extraNames);
        if (fits(lastServer, names)) {
            return lastServer;
        }
        Path dir = certificateFile.getParent();
        if (kept && Files.isRegularFile(dir.resolve(SERVER_CERTIFICATE_FILE))) {
            try {
                ServerIdentity stored = new ServerIdentity(
                        Pem.privateKey(Files.readString(dir.resolve(SERVER_KEY_FILE), StandardCharsets.US_ASCII)),
                        Pem.certificate(Files.readString(dir.resolve(SERVER_CERTIFICATE_FILE),
                                StandardCharsets.US_ASCII)), names);
                if (fits(stored, names) && sameKey(stored.certificate().getPublicKey(), stored.key())) {
                    return lastServer = stored;
                }
            } catch (IOException | CertificateException e) {
                // not usable: a new one is issued below
            }
        }
        ServerIdentity issued = issueServerCertificate(extraNames);
        if (kept) {
            try {
                writePrivate(dir.resolve(SERVER_KEY_FILE), Pem.writePkcs8(issued.key()));
                Files.writeString(dir.resolve(SERVER_CERTIFICATE_FILE), Pem.write(issued.certificate()));
            } catch (IOException e) {
                // the data directory is read-only: the next start issues another one
            }
        }
        return lastServer = issued;
    }

    private boolean fits(ServerIdentity server, List<String> names) {
        if (server == null || !signed(server.certificate())) {
            return false;
        }
        if (server.certificate().getNotAfter().toInstant().isBefore(clock.instant().plus(Duration.ofDays(30)))) {
            return false;
        }
        try {
            Set<String> present = new LinkedHashSet<>();
            for (List<?> name : server.certificate().getSubjectAlternativeNames()) {
                present.add(normalise(String.valueOf(name.get(1))));
            }
            Set<String> wanted = new LinkedHashSet<>();
            names.forEach(n -> wanted.add(normalise(n)));
            return present.equals(wanted);
        } catch (java.security.cert.CertificateParsingException | NullPointerException e) {
            return false;
        }
    }

    private static String normalise(String name) {
        return name.equals("0:0:0:0:0:0:0:1") ? "::1" : name.toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> serverNames(List<String> extraNames) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost", "127.0.0.1", "::1"));
        names.addAll(extraNames);
        return List.copyOf(names);
    }

    /**
     * A fresh server key and certificate for the TLS listeners, valid for {@code localhost}, the loopback addresses
     * and {@code extraNames} (host names or IP addresses).
     */
    public ServerIdentity issueServerCertificate(List<String> extraNames) {
        KeyPair keys = ecKeyPair();
        List<String> names = serverNames(extraNames);
        List<GeneralName> san = new ArrayList<>();
        for (String name : names) {
            san.add(isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name)
                    : new GeneralName(GeneralName.dNSName, name));
        }
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(397))),
                    new X500Name("CN=localhost,O=iot-emulator"), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false,
                            new GeneralNames(san.toArray(GeneralName[]::new)))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            return new ServerIdentity(keys.getPrivate(), sign(builder, key), List.copyOf(names));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue the server certificate", e);
        }
    }

    /**
     * A device certificate for {@code publicKey}, with AWS's subject {@code CN=AWS IoT Certificate} and validity
     * until the end of 2049, as {@code CreateKeysAndCertificate} issues.
     */
    public X509Certificate issueDeviceCertificate(PublicKey publicKey) {
        Instant now = clock.instant();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(DEVICE_NOT_AFTER),
                    new X500Name("CN=AWS IoT Certificate"), publicKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate));
            return sign(builder, key);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a device certificate", e);
        }
    }

    /** A new RSA 2048 device key pair. */
    public static KeyPair deviceKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether this CA signed {@code candidate}. */
    public boolean signed(X509Certificate candidate) {
        try {
            candidate.verify(certificate.getPublicKey());
            return candidate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal());
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }

    private static boolean isIpAddress(String name) {
        if (name.contains(":")) {
            return true;
        }
        if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return false;
        }
        for (String octet : name.split("\\.")) {
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    private static void writePrivate(Path file, String pem) throws IOException {
        Files.writeString(file, pem);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the platform's default permissions apply
        }
    }

    /** The TLS listeners' key and certificate chain. */
    public record ServerIdentity(PrivateKey key, X509Certificate certificate, List<String> names) {
    }
}
