package dev.iotemulator.internal.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.iotemulator.internal.auth.Verification.Refused;
import dev.iotemulator.internal.auth.Verification.Verified;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IssuedCredentialTest {

    private static final Instant T0 = Instant.parse("2024-05-01T12:00:00Z");
    private static final String HOST = "127.0.0.1:8080";
    private final CredentialStore store = new CredentialStore(
            List.of(new LocalCredential("default", "AKIAIOSFODNN7EXAMPLE", "secret", null)));
    private final IssuedCredential issued = new TemporaryCredentialFactory()
            .issue("us-east-1:0b1c2d3e-0000-4000-8000-000000000001", "us-east-1:pool", T0, Duration.ofHours(1));

    @Test
    void issued_credentials_look_like_sts_temporary_credentials() {
        assertTrue(issued.credential().accessKeyId().matches("ASIA[A-Z2-7]{16}"), issued.credential().accessKeyId());
        assertEquals(40, issued.credential().secretAccessKey().length());
        assertTrue(issued.credential().sessionToken().length() > 100);
        assertEquals(T0.plusSeconds(3600), issued.expiration());
    }

    @Test
    void an_issued_credential_is_accepted_until_it_expires_then_refused_as_expired() {
        store.add(issued, T0);
        Verification before = verifierAt(T0.plusSeconds(3599)).verify(signedAt(T0.plusSeconds(3599)));
        Verified verified = assertInstanceOf(Verified.class, before);
        assertEquals("us-east-1:0b1c2d3e-0000-4000-8000-000000000001",
                store.issued(verified.credential().accessKeyId()).orElseThrow().identityId());

        Verification after = verifierAt(T0.plusSeconds(3600)).verify(signedAt(T0.plusSeconds(3600)));
        Refused refused = assertInstanceOf(Refused.class, after);
        assertEquals(Refusal.CREDENTIALS_EXPIRED, refused.reason());
        assertTrue(refused.message().startsWith("The security token included in the request is expired"),
                refused.message());
    }

    @Test
    void an_expired_issued_credential_is_refused_by_the_http_data_plane_too() {
        store.add(issued, T0);
        Instant late = T0.plusSeconds(3600);
        LocalCredential c = issued.credential();
        String amzDate = SigV4.AMZ_DATE.format(late);
        String canonical = SigV4.canonicalRequest("GET", "/things/t1/shadow", "", "host:" + HOST + "\nx-amz-date:"
                + amzDate + "\nx-amz-security-token:" + c.sessionToken() + "\n", "host;x-amz-date;x-amz-security-token",
                SigV4.EMPTY_PAYLOAD_SHA256);
        String scope = SigV4.scope(SigV4.SCOPE_DATE.format(late), "us-east-1", "iotdata");
        String signature = SigV4.signature(c.secretAccessKey(), SigV4.SCOPE_DATE.format(late), "us-east-1", "iotdata",
                SigV4.stringToSign(amzDate, scope, canonical));
        SignedRequest request = new SignedRequest("GET", "/things/t1/shadow", "", Map.of(
                "host", List.of(HOST), "x-amz-date", List.of(amzDate), "x-amz-security-token", List.of(c.sessionToken()),
                "authorization", List.of("AWS4-HMAC-SHA256 Credential=" + c.accessKeyId() + "/" + scope
                        + ", SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=" + signature)));
        HeaderSignatureVerifier http = new HeaderSignatureVerifier(store, "us-east-1", Duration.ofMinutes(5),
                Clock.fixed(late, ZoneOffset.UTC));

        Refused refused = assertInstanceOf(Refused.class, http.verify(request, new byte[0], Set.of("iotdata")));
        assertEquals(Refusal.CREDENTIALS_EXPIRED, refused.reason(), refused.message());
    }

    @Test
    void an_issued_credential_without_its_session_token_is_refused() {
        store.add(issued, T0);
        LocalCredential noToken = new LocalCredential("x", issued.credential().accessKeyId(),
                issued.credential().secretAccessKey(), null);
        String query = Presigner.presignQuery(HOST, "/mqtt", noToken, "us-east-1", T0, 0);
        Verification v = verifierAt(T0).verify(request(query));
        assertEquals(Refusal.MISSING_SECURITY_TOKEN, assertInstanceOf(Refused.class, v).reason());
    }

    @Test
    void credentials_issued_from_many_threads_at_once_are_all_found() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<IssuedCredential>> futures = new ArrayList<>();
        TemporaryCredentialFactory factory = new TemporaryCredentialFactory();
        for (int i = 0; i < 400; i++) {
            String identity = "us-east-1:00000000-0000-4000-8000-" + String.format("%012d", i);
            futures.add(pool.submit(() -> {
                IssuedCredential c = factory.issue(identity, "us-east-1:pool", T0, Duration.ofHours(1));
                store.add(c, T0);
                return c;
            }));
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        for (Future<IssuedCredential> f : futures) {
            IssuedCredential c = f.get();
            assertEquals(c, store.issued(c.credential().accessKeyId()).orElseThrow());
        }
        assertEquals(400, store.issuedCount());
    }

    @Test
    void expired_credentials_are_purged_an_hour_after_they_expire() {
        store.add(issued, T0);
        IssuedCredential later = new TemporaryCredentialFactory().issue("us-east-1:00000000-0000-4000-8000-000000000002",
                "us-east-1:pool", T0.plus(Duration.ofHours(3)), Duration.ofHours(1));
        store.add(later, T0.plus(Duration.ofHours(3)));
        assertTrue(store.issued(issued.credential().accessKeyId()).isEmpty());
        assertTrue(store.issued(later.credential().accessKeyId()).isPresent());
    }

    private PresignedUrlVerifier verifierAt(Instant now) {
        return new PresignedUrlVerifier(store, "us-east-1", Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    private SignedRequest signedAt(Instant when) {
        return request(Presigner.presignQuery(HOST, "/mqtt", issued.credential(), "us-east-1", when, 0));
    }

    private static SignedRequest request(String query) {
        return new SignedRequest("GET", "/mqtt", query, Map.of("host", List.of(HOST)));
    }
}
