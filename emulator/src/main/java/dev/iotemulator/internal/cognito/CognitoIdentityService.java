package dev.iotemulator.internal.cognito;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.IssuedCredential;
import dev.iotemulator.internal.auth.TemporaryCredentialFactory;
import dev.iotemulator.internal.cognito.CognitoResult.CredentialsIssued;
import dev.iotemulator.internal.cognito.CognitoResult.Failed;
import dev.iotemulator.internal.cognito.CognitoResult.IdentityIssued;
import dev.iotemulator.internal.config.BrowserConfig;
import dev.iotemulator.internal.config.BrowserConfig.IdentityPoolConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Cognito unauthenticated identities, the "enhanced" (simplified) flow of the Amazon Cognito developer guide
 * ("Identity pools authentication flow"): {@code GetId} makes an identity id {@code <region>:<guid>} in a configured
 * pool, {@code GetCredentialsForIdentity} hands that identity temporary credentials, which the WebSocket verifier
 * then accepts until they expire. Only unauthenticated identities: {@code Logins} are refused.
 */
public final class CognitoIdentityService {

    /** The most identities held; a GetId beyond it is answered TooManyRequestsException. */
    static final int MAX_IDENTITIES = 100_000;
    private static final Pattern ID = Pattern.compile("[\\w-]+:[0-9a-f-]+");

    private final BrowserConfig config;
    private final CredentialStore credentials;
    private final TemporaryCredentialFactory factory = new TemporaryCredentialFactory();
    private final Clock clock;
    private final Map<String, String> poolByIdentity = new ConcurrentHashMap<>();

    public CognitoIdentityService(BrowserConfig config, CredentialStore credentials, Clock clock) {
        this.config = config;
        this.credentials = credentials;
        this.clock = clock;
    }

    public CognitoResult getId(String identityPoolId, boolean hasLogins) {
        if (identityPoolId == null || !ID.matcher(identityPoolId).matches() || identityPoolId.length() > 55) {
            return new Failed(CognitoError.INVALID_PARAMETER, "1 validation error detected: Value '" + identityPoolId
                    + "' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\w-]+:[0-9a-f-]+");
        }
        Optional<IdentityPoolConfig> pool = config.pool(identityPoolId);
        if (pool.isEmpty()) {
            return new Failed(CognitoError.RESOURCE_NOT_FOUND, "IdentityPool '" + identityPoolId + "' not found. "
                    + "The emulator knows " + poolIds() + "; add the pool to browser.json in the config directory "
                    + "(--config-dir).");
        }
        Optional<Failed> refused = refuseAuthenticated(pool.get(), hasLogins);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (poolByIdentity.size() >= MAX_IDENTITIES) {
            return new Failed(CognitoError.TOO_MANY_REQUESTS, "The emulator holds " + MAX_IDENTITIES
                    + " identities already; restart it to start afresh.");
        }
        String region = identityPoolId.substring(0, identityPoolId.indexOf(':'));
        String identityId = region + ":" + UUID.randomUUID();
        poolByIdentity.put(identityId, identityPoolId);
        return new IdentityIssued(identityId);
    }

    public CognitoResult getCredentialsForIdentity(String identityId, boolean hasLogins) {
        if (identityId == null || !ID.matcher(identityId).matches() || identityId.length() > 55) {
            return new Failed(CognitoError.INVALID_PARAMETER, "1 validation error detected: Value '" + identityId
                    + "' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression "
                    + "pattern: [\\w-]+:[0-9a-f-]+");
        }
        String poolId = poolByIdentity.get(identityId);
        IdentityPoolConfig pool = poolId == null ? null : config.pool(poolId).orElse(null);
        if (pool == null) {
            return new Failed(CognitoError.RESOURCE_NOT_FOUND, "Identity '" + identityId + "' not found. Call GetId "
                    + "first; identities live only as long as the emulator runs.");
        }
        Optional<Failed> refused = refuseAuthenticated(pool, hasLogins);
        if (refused.isPresent()) {
            return refused.get();
        }
        Instant now = clock.instant();
        IssuedCredential issued = factory.issue(identityId, poolId, now, pool.credentialsLifetime());
        credentials.add(issued, now);
        return new CredentialsIssued(issued);
    }

    private static Optional<Failed> refuseAuthenticated(IdentityPoolConfig pool, boolean hasLogins) {
        if (hasLogins) {
            return Optional.of(new Failed(CognitoError.NOT_AUTHORIZED, "The emulator serves only unauthenticated "
                    + "identities; leave Logins out of the request."));
        }
        if (!pool.allowUnauthenticated()) {
            return Optional.of(new Failed(CognitoError.NOT_AUTHORIZED, "Unauthenticated access is not supported for "
                    + "this identity pool. Set \"allowUnauthenticated\": true for '" + pool.identityPoolId()
                    + "' in browser.json."));
        }
        return Optional.empty();
    }

    private String poolIds() {
        return config.identityPools().isEmpty() ? "no identity pools"
                : "identity pools " + config.identityPools().stream().map(IdentityPoolConfig::identityPoolId).toList();
    }
}
