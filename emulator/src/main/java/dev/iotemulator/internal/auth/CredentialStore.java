package dev.iotemulator.internal.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access keys the emulator accepts, looked up by access key id: the configured ones (fixed at start, the first
 * is the default identity) and temporary ones issued while running (Cognito), which any thread may add. Issued keys
 * are kept for a while after they expire so that a late client is told "expired" rather than "unknown".
 */
public final class CredentialStore {

    /** The most issued credentials held at once; beyond it the oldest-expiring are dropped. */
    static final int MAX_ISSUED = 10_000;
    private static final Duration KEEP_AFTER_EXPIRY = Duration.ofHours(1);

    private final Map<String, LocalCredential> byAccessKeyId = new LinkedHashMap<>();
    private final Map<String, IssuedCredential> issued = new ConcurrentHashMap<>();

    public CredentialStore(List<LocalCredential> credentials) {
        if (credentials.isEmpty()) {
            throw new IllegalArgumentException("at least one credential is needed");
        }
        for (LocalCredential c : credentials) {
            if (byAccessKeyId.putIfAbsent(c.accessKeyId(), c) != null) {
                throw new IllegalArgumentException("access key id " + c.accessKeyId() + " is configured twice");
            }
        }
    }

    public Optional<LocalCredential> find(String accessKeyId) {
        LocalCredential configured = byAccessKeyId.get(accessKeyId);
        if (configured != null) {
            return Optional.of(configured);
        }
        return issued(accessKeyId).map(IssuedCredential::credential);
    }

    /** The issued temporary credential with this access key id, expired or not, if the emulator issued it. */
    public Optional<IssuedCredential> issued(String accessKeyId) {
        return Optional.ofNullable(issued.get(accessKeyId));
    }

    /** When this access key stops being accepted; empty for configured keys, which never expire. */
    public Optional<Instant> expirationOf(String accessKeyId) {
        return byAccessKeyId.containsKey(accessKeyId) ? Optional.empty()
                : issued(accessKeyId).map(IssuedCredential::expiration);
    }

    /** Accepts a newly issued temporary credential; safe to call from any thread. */
    public void add(IssuedCredential credential, Instant now) {
        String accessKeyId = credential.credential().accessKeyId();
        if (byAccessKeyId.containsKey(accessKeyId)) {
            throw new IllegalArgumentException("access key id " + accessKeyId + " is already configured");
        }
        issued.values().removeIf(c -> c.expiration().plus(KEEP_AFTER_EXPIRY).isBefore(now));
        while (issued.size() >= MAX_ISSUED) {
            issued.values().stream().min((a, b) -> a.expiration().compareTo(b.expiration()))
                    .ifPresent(oldest -> issued.remove(oldest.credential().accessKeyId()));
        }
        if (issued.putIfAbsent(accessKeyId, credential) != null) {
            throw new IllegalArgumentException("access key id " + accessKeyId + " was already issued");
        }
    }

    /** How many issued credentials are held (expired ones included until purged). */
    public int issuedCount() {
        return issued.size();
    }

    public LocalCredential defaultCredential() {
        return byAccessKeyId.values().iterator().next();
    }

    /** The configured credentials, in configuration order (issued ones are not included). */
    public List<LocalCredential> all() {
        return List.copyOf(byAccessKeyId.values());
    }

    /** The configured credential with this name, if any. */
    public Optional<LocalCredential> findByName(String name) {
        return byAccessKeyId.values().stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
