package dev.iotemulator.internal.auth;

import dev.iotemulator.internal.auth.Verification.Refused;
import dev.iotemulator.internal.auth.Verification.Verified;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies SigV4 query-string signatures of AWS IoT WebSocket URLs ({@code GET /mqtt?X-Amz-...}).
 *
 * <p>Emulates "MQTT over the WebSocket protocol" in the AWS IoT developer guide and what real clients send (see the
 * project's AWS behaviour reference, §1): service {@code iotdevicegateway} or {@code iotdata}; the host taken from
 * the received {@code Host} header, lower-cased, port included when the header has one; exactly the headers named
 * by {@code X-Amz-SignedHeaders}; {@code X-Amz-Security-Token} left out of the canonical query because AWS clients
 * append it after signing; {@code X-Amz-Expires} honoured when present. Unlike AWS, every refusal says what was wrong;
 * a signature that does not match is explained by {@link SignatureDiagnosis}.
 */
public final class PresignedUrlVerifier {

    static final Set<String> SERVICES = Set.of("iotdevicegateway", "iotdata");
    private static final String SIGNATURE = UrlSigning.SIGNATURE;
    private static final String TOKEN = UrlSigning.TOKEN;
    private static final List<String> REQUIRED =
            List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", SIGNATURE);
    private static final long MAX_EXPIRES_SECONDS = 604_800;

    private static final CredentialScope.Wording WORDING = new CredentialScope.Wording("URL", "X-Amz-Credential",
            "AWS IoT WebSocket URLs are signed for service 'iotdevicegateway' (the AWS IoT SDKs for Java v1 and "
                    + "Android use 'iotdata', also accepted).", "appended after signing");

    private final CredentialScope scope;
    private final String region;

    public PresignedUrlVerifier(CredentialStore credentials, String region, Duration allowedSkew, Clock clock) {
        this.scope = new CredentialScope(credentials, region, allowedSkew, clock);
        this.region = region;
    }

    public Verification verify(SignedRequest request) {
        List<Map.Entry<String, String>> params = request.queryParameters();
        Map<String, String> first = new HashMap<>();
        for (Map.Entry<String, String> p : params) {
            first.putIfAbsent(p.getKey(), p.getValue());
        }
        List<String> missing = REQUIRED.stream().filter(name -> !first.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            return Refused.because(Refusal.MISSING_PARAMETER, "The URL has no " + String.join(", ", missing)
                    + " query parameter. An AWS IoT WebSocket URL must be presigned with SigV4 (service "
                    + "iotdevicegateway): X-Amz-Algorithm, X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders and "
                    + "X-Amz-Signature, plus X-Amz-Security-Token for temporary credentials.");
        }
        if (!SigV4.ALGORITHM.equals(first.get("X-Amz-Algorithm"))) {
            return Refused.because(Refusal.UNSUPPORTED_ALGORITHM, "X-Amz-Algorithm is '" + first.get("X-Amz-Algorithm")
                    + "'; AWS IoT accepts only " + SigV4.ALGORITHM + ".");
        }
        CredentialScope.Outcome outcome = scope.check(first.get("X-Amz-Credential"), first.get("X-Amz-Date"),
                SERVICES, WORDING);
        if (outcome.refused() != null) {
            Refused refused = outcome.refused();
            if (refused.reason() == Refusal.CLOCK_SKEW && first.containsKey("X-Amz-Expires")) {
                return Refused.because(Refusal.CLOCK_SKEW, refused.message() + " X-Amz-Expires ("
                        + first.get("X-Amz-Expires") + " s) can shorten that window but not extend it: AWS IoT "
                        + "refuses a URL signed too long ago whatever its X-Amz-Expires.");
            }
            return refused;
        }
        CredentialScope.Checked checked = outcome.checked();
        Optional<Refused> expired = checkExpires(checked.signedAt(), first.get("X-Amz-Date"),
                first.get("X-Amz-Expires"));
        if (expired.isPresent()) {
            return expired.get();
        }
        Optional<Refused> token = CredentialScope.checkToken(checked.credential(), first.get(TOKEN), WORDING);
        if (token.isPresent()) {
            return token.get();
        }
        return checkSignature(request, params, first, checked.credential(), checked.scopeDate(), checked.service());
    }

    /**
     * {@code X-Amz-Expires} is optional (the AWS SDKs leave it out). When present it can only shorten the URL's life:
     * the URL must also be within the clock-skew window of {@code X-Amz-Date}, checked before. AWS IoT behaves so:
     * users report URLs refused after 10-15 minutes whatever their {@code X-Amz-Expires} (aws-sdk-js #2254,
     * aws-sdk-go #2304).
     */
    private Optional<Refused> checkExpires(Instant signedAt, String amzDate, String expires) {
        if (expires == null) {
            return Optional.empty();
        }
        long seconds;
        try {
            seconds = Long.parseLong(expires);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 1 || seconds > MAX_EXPIRES_SECONDS) {
            return Optional.of(Refused.because(Refusal.EXPIRED, "X-Amz-Expires '" + expires
                    + "' must be a whole number of seconds from 1 to " + MAX_EXPIRES_SECONDS + "."));
        }
        Instant expiry = signedAt.plusSeconds(seconds);
        Instant now = scope.now();
        if (now.isAfter(expiry)) {
            return Optional.of(Refused.because(Refusal.EXPIRED, "The URL expired at " + SigV4.AMZ_DATE.format(expiry)
                    + " (X-Amz-Date " + amzDate + " + X-Amz-Expires " + seconds + " s); it is now "
                    + SigV4.AMZ_DATE.format(now) + ". Presign a new URL for each connection."));
        }
        return Optional.empty();
    }

    private Verification checkSignature(SignedRequest request, List<Map.Entry<String, String>> params,
            Map<String, String> first, LocalCredential credential, String scopeDate, String service) {
        List<String> signedHeaders = List.of(first.get("X-Amz-SignedHeaders").toLowerCase(Locale.ROOT).split(";", -1));
        if (!signedHeaders.contains("host")) {
            return Refused.because(Refusal.SIGNED_HEADER_MISSING, "X-Amz-SignedHeaders is '"
                    + first.get("X-Amz-SignedHeaders") + "'; SigV4 requires the host header to be signed.");
        }
        for (String name : signedHeaders) {
            if (request.header(name).isEmpty()) {
                return Refused.because(Refusal.SIGNED_HEADER_MISSING, "X-Amz-SignedHeaders names '" + name
                        + "', but the request has no such header.");
            }
        }
        UrlSigning signing = new UrlSigning(request, params, signedHeaders, first.get("X-Amz-Date"), scopeDate,
                region, credential);
        UrlSigning.Variant aws = UrlSigning.asAws(request, service);
        UrlSigning.Attempt expected = signing.sign(aws);
        String provided = first.get(UrlSigning.SIGNATURE).toLowerCase(Locale.ROOT);
        if (expected.matches(provided)) {
            return new Verified(credential, service);
        }
        return SignatureDiagnosis.diagnose(signing, aws, expected, provided);
    }
}
