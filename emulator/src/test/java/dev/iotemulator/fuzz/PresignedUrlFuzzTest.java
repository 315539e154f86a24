package dev.iotemulator.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.auth.PresignedUrlVerifier;
import dev.iotemulator.internal.auth.SignedRequest;
import dev.iotemulator.internal.auth.Verification;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The presigned WebSocket URL is the first thing a client sends: any query and Host header get a verdict (verified, or
 * refused with a reason), never an exception.
 */
class PresignedUrlFuzzTest {

    private static final PresignedUrlVerifier VERIFIER = new PresignedUrlVerifier(new CredentialStore(List.of(
            new LocalCredential("default", "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", null),
            new LocalCredential("temporary", "ASIAIOSFODNN7EXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                    "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN=="))), "us-east-1", Duration.ofMinutes(5),
            Clock.systemUTC());

    @FuzzTest(maxDuration = "15s")
    void any_query_and_host_get_a_verdict(FuzzedDataProvider data) {
        String host = data.consumeString(64);
        String query = data.consumeRemainingAsString();
        Verification verdict = VERIFIER.verify(new SignedRequest("GET", "/mqtt", query, Map.of("host", List.of(host),
                "connection", List.of("Upgrade"))));
        if (verdict == null) {
            throw new AssertionError("no verdict for " + query);
        }
    }
}
