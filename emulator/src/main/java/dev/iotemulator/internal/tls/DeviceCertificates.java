package dev.iotemulator.internal.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.ConfigurationException;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X.509 certificates AWS IoT would know: the ones created by the emulator (as {@code CreateKeysAndCertificate}
 * does) and the ones registered in configuration, each with its status, attached policies and attached things.
 * A certificate's id is the SHA-256 of its DER encoding in lower-case hex, as AWS IoT's certificate ids are.
 *
 * <p>Created certificates are kept in {@code <data dir>/certificates/<id>.json} (never their private keys), so a
 * device keeps working across restarts; without a data directory they live only as long as the process. A status
 * change of a certificate registered in configuration is kept in the {@link DocumentStore}
 * ({@value CollectionNames#CERTIFICATE_STATUS}), so a REVOKED certificate stays revoked after a restart, until the
 * configuration itself gives it another status.
 */
public final class DeviceCertificates {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceCertificates.class);
    public static final String DIRECTORY = "certificates";

    /** As AWS IoT's {@code CertificateStatus}; only ACTIVE certificates may connect. */
    public enum Status { ACTIVE, INACTIVE, REVOKED }

    /**
     * @param source where it came from: {@code created} or the configuration file that lists it
     */
    public record Registered(String id, X509Certificate certificate, String pem, Status status, List<String> policies,
            List<String> things, String source, Instant createdAt) {

        public Registered {
            policies = List.copyOf(policies);
            things = List.copyOf(things);
        }

        Registered withStatus(Status newStatus) {
            return new Registered(id, certificate, pem, newStatus, policies, things, source, createdAt);
        }
    }

    /** A created certificate with its key pair, which only the caller ever sees. */
    public record Created(Registered registered, KeyPair keys) {
    }

    private final CertificateAuthority ca;
    private final Path store;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, Registered> byId = new ConcurrentHashMap<>();
    private final Map<String, Status> configuredStatus = new ConcurrentHashMap<>();
    private final DocumentStore statusChanges;

    /** @param dataDir where created certificates are kept, or null to keep them in memory only */
    public DeviceCertificates(CertificateAuthority ca, Path dataDir, Clock clock) {
        this(ca, dataDir, clock, DocumentStore.inMemory());
    }

    /**
     * @param dataDir where created certificates are kept, or null to keep them in memory only
     * @param statusChanges where status changes of configured certificates are kept
     */
    public DeviceCertificates(CertificateAuthority ca, Path dataDir, Clock clock, DocumentStore statusChanges) {
        this.ca = ca;
        this.store = dataDir == null ? null : dataDir.resolve(DIRECTORY);
        this.clock = clock;
        this.statusChanges = statusChanges;
    }

    public static String idOf(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public CertificateAuthority authority() {
        return ca;
    }

    /** Reads the certificates created in earlier runs from the data directory. */
    public void loadCreated() {
        if (store == null || !Files.isDirectory(store)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(store, "*.json")) {
            for (Path file : files) {
                Registered r = read(file);
                byId.put(r.id(), r);
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot list " + store.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** Registers a certificate listed in configuration; a repeat of the same certificate is an error. */
    public Registered register(String pem, Status status, List<String> policies, List<String> things, String source)
            throws CertificateException {
        X509Certificate certificate = Pem.certificate(pem);
        String id = idOf(certificate);
        Registered r = new Registered(id, certificate, Pem.write(certificate), changedStatus(id, status).orElse(status),
                policies, things, source, clock.instant());
        configuredStatus.putIfAbsent(id, status);
        Registered previous = byId.putIfAbsent(r.id(), r);
        if (previous != null) {
            throw new CertificateException("certificate " + r.id() + " is already registered by " + previous.source());
        }
        return r;
    }

    /**
     * Creates a key pair and a certificate signed by the local CA, registers it with the given policies and things,
     * and keeps it in the data directory.
     */
    public Created create(List<String> policies, List<String> things, boolean active) {
        KeyPair keys = CertificateAuthority.deviceKeyPair();
        X509Certificate certificate = ca.issueDeviceCertificate(keys.getPublic());
        Registered r = new Registered(idOf(certificate), certificate, Pem.write(certificate),
                active ? Status.ACTIVE : Status.INACTIVE, policies, things, "created", clock.instant());
        byId.put(r.id(), r);
        persist(r);
        LOG.info("event=certificate_created certificateId={} things={} policies={} status={}", r.id(), things,
                policies, r.status());
        return new Created(r, keys);
    }

    public Optional<Registered> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every registered certificate, oldest first. */
    public List<Registered> all() {
        List<Registered> all = new ArrayList<>(byId.values());
        all.sort(Comparator.comparing(Registered::createdAt).thenComparing(Registered::id));
        return all;
    }

    /** Sets a certificate's status, as {@code UpdateCertificate}; empty when there is no such certificate. */
    public Optional<Registered> updateStatus(String id, Status status) {
        Registered updated = byId.computeIfPresent(id, (k, r) -> r.withStatus(status));
        if (updated != null) {
            if ("created".equals(updated.source())) {
                persist(updated);
            } else {
                ObjectNode change = mapper.createObjectNode().put("status", status.name())
                        .put("configuredStatus", configuredStatus.getOrDefault(id, status).name());
                statusChanges.put(CollectionNames.CERTIFICATE_STATUS, id, change.toString()
                        .getBytes(StandardCharsets.UTF_8));
            }
            LOG.info("event=certificate_status certificateId={} status={}", id, status);
        }
        return Optional.ofNullable(updated);
    }

    /** Every thing attached to any certificate: the things the emulator knows. */
    public Set<String> knownThings() {
        Set<String> things = new LinkedHashSet<>();
        for (Registered r : byId.values()) {
            things.addAll(r.things());
        }
        return things;
    }

    /**
     * Why a client presenting {@code certificate} may not connect, or empty when it may: it must be registered,
     * ACTIVE and within its validity period.
     */
    public Optional<String> refusal(X509Certificate certificate) {
        String id = idOf(certificate);
        Registered r = byId.get(id);
        if (r == null) {
            String issuer = certificate.getIssuerX500Principal().getName();
            return Optional.of("certificate " + id + " (subject \"" + certificate.getSubjectX500Principal().getName()
                    + "\", issuer \"" + issuer + "\") is not registered"
                    + (ca.signed(certificate) ? "" : " and was not issued by the emulator's CA")
                    + ". Create device certificates with POST /__emulator/certificates or the create-certificate "
                    + "command, or register this one in certificates.json");
        }
        if (r.status() != Status.ACTIVE) {
            return Optional.of("certificate " + id + " is " + r.status() + "; only ACTIVE certificates may connect "
                    + "(PUT /__emulator/certificates/" + id + " with {\"status\":\"ACTIVE\"} to change it)");
        }
        Instant now = clock.instant();
        if (now.isAfter(certificate.getNotAfter().toInstant())) {
            return Optional.of("certificate " + id + " expired at " + certificate.getNotAfter().toInstant());
        }
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return Optional.of("certificate " + id + " is not valid before " + certificate.getNotBefore().toInstant());
        }
        return Optional.empty();
    }

    /** The status set through the API since, unless the configuration has changed this certificate's status. */
    private Optional<Status> changedStatus(String id, Status configured) {
        return statusChanges.get(CollectionNames.CERTIFICATE_STATUS, id).flatMap(bytes -> {
            try {
                JsonNode change = mapper.readTree(bytes);
                return configured.name().equals(change.path("configuredStatus").asText())
                        ? Optional.of(Status.valueOf(change.path("status").asText())) : Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    private void persist(Registered r) {
        if (store == null) {
            return;
        }
        ObjectNode json = mapper.createObjectNode()
                .put("certificateId", r.id())
                .put("status", r.status().name())
                .put("createdAt", r.createdAt().toString())
                .put("certificatePem", r.pem());
        ArrayNode policies = json.putArray("policies");
        r.policies().forEach(policies::add);
        ArrayNode things = json.putArray("things");
        r.things().forEach(things::add);
        try {
            Files.createDirectories(store);
            Path tmp = store.resolve(r.id() + ".json.tmp");
            Files.write(tmp, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            Files.move(tmp, store.resolve(r.id() + ".json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("event=certificate_not_saved certificateId={} dir=\"{}\" message=\"{}; the certificate works "
                    + "until the emulator stops\"", r.id(), store.toAbsolutePath(), e.getMessage());
        }
    }

    private Registered read(Path file) {
        try {
            JsonNode json = mapper.readTree(file.toFile());
            X509Certificate certificate = Pem.certificate(json.path("certificatePem").asText());
            return new Registered(idOf(certificate), certificate, Pem.write(certificate),
                    Status.valueOf(json.path("status").asText("ACTIVE")), texts(json.path("policies")),
                    texts(json.path("things")), "created",
                    Instant.parse(json.path("createdAt").asText(Instant.EPOCH.toString())));
        } catch (IOException | CertificateException | RuntimeException e) {
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
