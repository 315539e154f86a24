package dev.iotemulator.internal.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured access keys, looked up by access key id. The first one is the default identity. */
public final class CredentialStore {

    private final Map<String, LocalCredential> byAccessKeyId = new LinkedHashMap<>();

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
        return Optional.ofNullable(byAccessKeyId.get(accessKeyId));
    }

    public LocalCredential defaultCredential() {
        return byAccessKeyId.values().iterator().next();
    }

    public List<LocalCredential> all() {
        return List.copyOf(byAccessKeyId.values());
    }
}
