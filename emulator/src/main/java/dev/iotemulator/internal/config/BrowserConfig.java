package dev.iotemulator.internal.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code browser.json} configures: Cognito identity pools whose unauthenticated identities get temporary
 * credentials, identities the presign endpoint signs URLs for, and the origins allowed to call those routes.
 */
public record BrowserConfig(List<IdentityPoolConfig> identityPools, List<PresignIdentityConfig> presignIdentities,
        List<String> allowedOrigins) {

    /** Loopback pages only, when nothing is configured. */
    public static final List<String> DEFAULT_ALLOWED_ORIGINS = List.of("http://127.0.0.1:*", "http://localhost:*");

    public BrowserConfig {
        identityPools = List.copyOf(identityPools);
        presignIdentities = List.copyOf(presignIdentities);
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    /** No pools, no presign identities, loopback origins: what a config directory without browser.json gives. */
    public static BrowserConfig none() {
        return new BrowserConfig(List.of(), List.of(), DEFAULT_ALLOWED_ORIGINS);
    }

    public Optional<IdentityPoolConfig> pool(String identityPoolId) {
        return identityPools.stream().filter(p -> p.identityPoolId().equals(identityPoolId)).findFirst();
    }

    /**
     * @param identityPoolId {@code <region>:<guid>}, as in AWS
     * @param allowUnauthenticated whether GetId without Logins is allowed (the only kind the emulator serves)
     * @param credentialsLifetime how long issued temporary credentials are accepted (AWS: 1 hour)
     * @param unauthenticatedRolePolicies the policies of the pool's unauthenticated role (files under
     *     {@code policies/}), which limit what its identities may do; null when they are not limited
     */
    public record IdentityPoolConfig(String identityPoolId, String name, boolean allowUnauthenticated,
            Duration credentialsLifetime, List<String> unauthenticatedRolePolicies) {

        public IdentityPoolConfig {
            unauthenticatedRolePolicies = unauthenticatedRolePolicies == null ? null
                    : List.copyOf(unauthenticatedRolePolicies);
        }
    }

    /** Every policy name a pool's role names. */
    public java.util.Set<String> rolePolicyNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        identityPools.forEach(p -> {
            if (p.unauthenticatedRolePolicies() != null) {
                names.addAll(p.unauthenticatedRolePolicies());
            }
        });
        return names;
    }

    /**
     * @param name what the page asks for ({@code /__emulator/presign?identity=<name>})
     * @param credential the {@code name} of the credentials.json entry that signs; its secret never leaves
     * @param urlExpires the {@code X-Amz-Expires} of the presigned URL
     */
    public record PresignIdentityConfig(String name, String credential, Duration urlExpires) {
    }
}
