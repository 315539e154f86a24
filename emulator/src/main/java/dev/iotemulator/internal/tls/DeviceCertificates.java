package dev.iotemulator.internal.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.Certificates;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.registry.RegistryEvent;
import dev.iotemulator.internal.registry.Thing;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device certificates of the registry as the TLS listeners and the emulator's CA see them: issuing new ones
 * with the local CA (as {@code CreateKeysAndCertificate} does), and deciding whether a client certificate may connect.
 * The certificates themselves, their status and attachments live in the {@link Registry}, which the control plane and
 * the admin API share.
 *
 * <p>Certificates created here are also kept in {@code <data dir>/certificates/<id>.json} (never their private
 * keys), so a device keeps working across restarts; without a data directory they live only as long as the process.
 */
public final class DeviceCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCertificates.class);
    public static final String DIRECTORY = "certificates";
    public static final String CREATED = "created";

    /**
     * A certificate with what is attached to it, as one view of the registry.
     *
     * @param source where it came from: {@code created} or the configuration file that lists it
     */
    public record Registered(String id, X509Certificate certificate, String pem, Certificate.Status status,
            List<String> policies, List<String> things, String source, Instant createdAt) {

        public Registered {
            policies = List.copyOf(policies);
            things = List.copyOf(things);
        }
    }

    /** A created certificate with its key pair, which only the caller ever sees. */
    public record Created(Registered registered, KeyPair keys) {
    }

    private final CertificateAuthority ca;
    private final Registry registry;
    private final Path store;
    private final ObjectMapper mapper = new ObjectMapper();

    /** @param dataDir where created certificates are kept, or null to keep them in memory only */
    public DeviceCertificates(CertificateAuthority ca, Registry registry, Path dataDir, Clock clock) {
        this.ca = ca;
        this.registry = registry;
        this.store = dataDir == null ? null : dataDir.resolve(DIRECTORY);
        if (store != null) {
            registry.listen(event -> {
                if (event instanceof RegistryEvent.CertificateChanged changed) {
                    keepStatus(changed.certificateId(), changed.status());
                }
            });
        }
    }

    public static String idOf(X509Certificate certificate) {
        return Certificates.idOf(certificate);
    }

    public CertificateAuthority authority() {
        return ca;
    }

    public Registry registry() {
        return registry;
    }

    /** Reads the certificates created in earlier runs from the data directory into the registry. */
    public void loadCreated() {
        if (store == null || !Files.isDirectory(store)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(store, "*.json")) {
            for (Path file : files) {
                restore(file);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + store.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a key pair and a certificate signed by the local CA, registers it with the given policies and things
     * (creating things that do not exist), and keeps it in the data directory.
     */
    public Created create(List<String> policies, List<String> things, boolean active) {
        KeyPair keys = CertificateAuthority.deviceKeyPair();
        Registered r = issue(keys.getPublic(), active ? Certificate.Status.ACTIVE : Certificate.Status.INACTIVE,
                policies, things);
        return new Created(r, keys);
    }

    /** Signs {@code publicKey} (of a CSR, say) with the local CA and registers the certificate with {@code status}. */
    public Registered issue(PublicKey publicKey, Certificate.Status status, List<String> policies,
            List<String> things) {
        X509Certificate certificate = ca.issueDeviceCertificate(publicKey);
        Certificate c = registry.enroll(Pem.write(certificate), status, CREATED, policies, things);
        persist(c.id(), policies, things);
        LOG.info("event=certificate_created certificateId={} things={} policies={} status={}", c.id(), things,
                policies, c.status());
        return find(c.id()).orElseThrow();
    }

    public Optional<Registered> find(String id) {
        return registry.certificates().find(id).map(this::view);
    }

    /** Every registered certificate, oldest first. */
    public List<Registered> all() {
        return registry.certificates().list().stream().map(this::view).toList();
    }

    /** Sets a certificate's status, as {@code UpdateCertificate}; empty when there is no such certificate. */
    public Optional<Registered> updateStatus(String id, Certificate.Status status) {
        if (registry.certificates().find(id).isEmpty()) {
            return Optional.empty();
        }
        registry.certificates().updateStatus(id, status);
        LOG.info("event=certificate_status certificateId={} status={}", id, status);
        return find(id);
    }

    /** Every thing of the registry. */
    public Set<String> knownThings() {
        Set<String> names = new LinkedHashSet<>();
        registry.things().list(t -> true).stream().map(Thing::name).forEach(names::add);
        return names;
    }

    /**
     * Why a client presenting {@code certificate} may not connect, or empty when it may: it must be registered,
     * ACTIVE and within its validity period.
     */
    public Optional<String> refusal(X509Certificate certificate) {
        String id = idOf(certificate);
        Optional<Certificate> r = registry.certificates().find(id);
        if (r.isEmpty()) {
            String issuer = certificate.getIssuerX500Principal().getName();
            return Optional.of("certificate " + id + " (subject \"" + certificate.getSubjectX500Principal().getName()
                    + "\", issuer \"" + issuer + "\") is not registered"
                    + (ca.signed(certificate) ? "" : " and was not issued by the emulator's CA")
                    + ". Create device certificates with CreateKeysAndCertificate, POST /__emulator/certificates or "
                    + "the create-certificate command, or register this one (RegisterCertificateWithoutCA or "
                    + "certificates.json)");
        }
        if (r.get().status() != Certificate.Status.ACTIVE) {
            return Optional.of("certificate " + id + " is " + r.get().status() + "; only ACTIVE certificates may "
                    + "connect (aws iot update-certificate --certificate-id " + id + " --new-status ACTIVE changes "
                    + "it)");
        }
        Instant now = Instant.now();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of("certificate " + id + " expired at " + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of("certificate " + id + " is not valid before " + certificate.getNotBefore().toInstant());
        }
        return Optional.empty();
    }

    private Registered view(Certificate c) {
        String arn = registry.arns().certificate(c.id());
        return new Registered(c.id(), registry.certificates().x509(c.id()), c.pem(), c.status(),
                registry.attachments().policiesOf(arn), registry.attachments().thingsOf(arn), c.source(),
                c.creationDate());
    }

    private void persist(String id, List<String> policies, List<String> things) {
        if (store == null) {
            return;
        }
        Certificate c = registry.certificates().require(id);
        ObjectNode json = mapper.createObjectNode()
                .put("certificateId", c.id())
                .put("status", c.status().name())
                .put("createdAt", c.creationDate().toString())
                .put("certificatePem", c.pem());
        ArrayNode policyNames = json.putArray("policies");
        policies.forEach(policyNames::add);
        ArrayNode thingNames = json.putArray("things");
        things.forEach(thingNames::add);
        try {
            Files.createDirectories(store);
            Path tmp = store.resolve(c.id() + ".json.tmp");
            Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            Files.move(tmp, store.resolve(c.id() + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("event=certificate_not_saved certificateId={} dir=\"{}\" message=\"{}; the certificate works "
                    + "until the emulator stops\"", c.id(), store.toAbsolutePath(), e.getMessage());
        }
    }

    /** Keeps a created certificate's new status in its file, or removes the file when it was deleted. */
    private void keepStatus(String id, Certificate.Status status) {
        Path file = store.resolve(id + ".json");
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            if (status == null) {
                Files.deleteIfExists(file);
                return;
            }
            ObjectNode json = (ObjectNode) mapper.readTree(file.toFile());
            json.put("status", status.name());
            Files.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
        } catch (IOException | ClassCastException e) {
            LOG.warn("event=certificate_not_saved certificateId={} file=\"{}\" message=\"{}\"", id, file, e.getMessage());
        }
    }

    private void restore(Path file) {
        try {
            JsonNode json = mapper.readTree(file.toFile());
            String pem = json.path("certificatePem").asText();
            String id = idOf(Certificates.parse(pem));
            if (registry.certificates().find(id).isPresent()) {
                return;
            }
            List<String> policies = texts(json.path("policies")).stream()
                    .filter(p -> registry.policies().find(p).isPresent()).toList();
            registry.enroll(pem, Certificate.Status.valueOf(json.path("status").asText("ACTIVE")), CREATED, policies,
                    texts(json.path("things")));
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(file.toAbsolutePath() + " is not a certificate record the emulator wrote: "
                    + e.getMessage() + ". Delete the file to forget that certificate.", e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
