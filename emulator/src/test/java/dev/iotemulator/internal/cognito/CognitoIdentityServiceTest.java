package dev.iotemulator.internal.cognito;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.IssuedCredential;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.cognito.CognitoResult.CredentialsIssued;
import dev.iotemulator.internal.cognito.CognitoResult.Failed;
import dev.iotemulator.internal.cognito.CognitoResult.IdentityIssued;
import dev.iotemulator.internal.config.BrowserConfig;
import dev.iotemulator.internal.config.BrowserConfig.IdentityPoolConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CognitoIdentityServiceTest {

    private static final String POOL = "eu-west-1:1c0a3b5e-0000-4000-8000-000000000001";
    private static final String CLOSED_POOL = "eu-west-1:1c0a3b5e-0000-4000-8000-000000000002";
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private final CredentialStore store = new CredentialStore(
            List.of(new LocalCredential("default", "AKIAIOSFODNN7EXAMPLE", "secret", null)));
    private final CognitoIdentityService service = new CognitoIdentityService(new BrowserConfig(List.of(
            new IdentityPoolConfig(POOL, "demo", true, Duration.ofMinutes(15), null),
            new IdentityPoolConfig(CLOSED_POOL, "closed", false, Duration.ofHours(1), null)), List.of(), List.of()),
            store, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void get_id_gives_an_identity_id_in_the_region_of_the_pool() {
        String id = assertInstanceOf(IdentityIssued.class, service.getId(POOL, false)).identityId();
        assertTrue(id.matches("eu-west-1:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
    }

    @Test
    void credentials_are_issued_for_the_pools_lifetime_and_kept_with_the_identity_id() {
        String id = ((IdentityIssued) service.getId(POOL, false)).identityId();
        IssuedCredential c = assertInstanceOf(CredentialsIssued.class,
                service.getCredentialsForIdentity(id, false)).credential();
        assertEquals(NOW.plus(Duration.ofMinutes(15)), c.expiration());
        IssuedCredential stored = store.issued(c.credential().accessKeyId()).orElseThrow();
        assertEquals(id, stored.identityId());
        assertEquals(POOL, stored.identityPoolId());
    }

    @Test
    void an_unknown_pool_is_resource_not_found_naming_the_configured_ones() {
        Failed f = assertInstanceOf(Failed.class, service.getId("eu-west-1:ffff", false));
        assertEquals(CognitoError.RESOURCE_NOT_FOUND, f.error());
        assertTrue(f.message().startsWith("IdentityPool 'eu-west-1:ffff' not found."), f.message());
        assertTrue(f.message().contains(POOL), f.message());
    }

    @Test
    void a_malformed_pool_id_is_an_invalid_parameter() {
        Failed f = assertInstanceOf(Failed.class, service.getId("not a pool", false));
        assertEquals(CognitoError.INVALID_PARAMETER, f.error());
    }

    @Test
    void logins_are_refused_because_only_unauthenticated_identities_are_emulated() {
        Failed f = assertInstanceOf(Failed.class, service.getId(POOL, true));
        assertEquals(CognitoError.NOT_AUTHORIZED, f.error());
    }

    @Test
    void a_pool_without_unauthenticated_access_refuses_get_id() {
        Failed f = assertInstanceOf(Failed.class, service.getId(CLOSED_POOL, false));
        assertEquals(CognitoError.NOT_AUTHORIZED, f.error());
        assertTrue(f.message().startsWith("Unauthenticated access is not supported for this identity pool."));
    }

    @Test
    void credentials_for_an_identity_never_issued_are_resource_not_found() {
        Failed f = assertInstanceOf(Failed.class,
                service.getCredentialsForIdentity("eu-west-1:00000000-0000-4000-8000-000000000000", false));
        assertEquals(CognitoError.RESOURCE_NOT_FOUND, f.error());
        assertEquals(0, store.issuedCount());
    }
}
