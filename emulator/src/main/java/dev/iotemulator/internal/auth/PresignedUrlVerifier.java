package dev.iotemulator.internal.auth;

import dev.iotemulator.internal.auth.Verification.Refused;
import dev.iotemulator.internal.auth.Verification.Verified;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
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
 * append it after signing; {@code X-Amz-Expires} honoured when present. Unlike AWS, every refusal says what was wrong.
 */
public final class PresignedUrlVerifier {

    static final Set<String> SERVICES = Set.of("iotdevicegateway", "iotdata");
    private static final String SIGNATURE = "X-Amz-Signature";
    private static final String TOKEN = "X-Amz-Security-Token";
    private static final List<String> REQUIRED =
            List.of("X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", SIGNATURE);
    private static final long MAX_EXPIRES_SECONDS = 604_800;

    private final CredentialStore credentials;
    private final String region;
    private final Duration allowedSkew;
    private final Clock clock;

    public PresignedUrlVerifier(CredentialStore credentials, String region, Duration allowedSkew, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.allowedSkew = allowedSkew;
        this.clock = clock;
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
        String[] scope = first.get("X-Amz-Credential").split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
            return Refused.because(Refusal.MALFORMED_CREDENTIAL, "X-Amz-Credential '" + first.get("X-Amz-Credential")
                    + "' is not of the form <access key id>/<yyyymmdd>/<region>/<service>/aws4_request.");
        }
        String accessKeyId = scope[0];
        String scopeDate = scope[1];
        String scopeRegion = scope[2];
        String service = scope[3];
        if (!SERVICES.contains(service)) {
            return Refused.because(Refusal.WRONG_SERVICE, "The URL is signed for service '" + service
                    + "'. AWS IoT WebSocket URLs are signed for service 'iotdevicegateway' (the AWS IoT SDKs for "
                    + "Java v1 and Android use 'iotdata', also accepted).");
        }
        if (!region.equals(scopeRegion)) {
            return Refused.because(Refusal.WRONG_REGION, "The URL is signed for region '" + scopeRegion
                    + "' but this endpoint is in region '" + region + "'. Sign for '" + region
                    + "', or start the emulator with --region " + scopeRegion + ".");
        }
        Optional<LocalCredential> found = credentials.find(accessKeyId);
        if (found.isEmpty()) {
            return Refused.because(Refusal.UNKNOWN_ACCESS_KEY, "The access key id '" + accessKeyId
                    + "' is not configured in the emulator. Add it to credentials.json in the config directory "
                    + "(--config-dir), or sign with a configured key.");
        }
        LocalCredential credential = found.get();
        Optional<Refused> expired = checkCredentialExpiry(accessKeyId);
        if (expired.isPresent()) {
            return expired.get();
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(SigV4.AMZ_DATE.parse(first.get("X-Amz-Date")));
        } catch (DateTimeParseException e) {
            return Refused.because(Refusal.MALFORMED_DATE, "X-Amz-Date '" + first.get("X-Amz-Date")
                    + "' is not in the basic ISO 8601 form yyyyMMdd'T'HHmmss'Z' (UTC), e.g. 20240101T120000Z.");
        }
        if (!scopeDate.equals(SigV4.SCOPE_DATE.format(signedAt))) {
            return Refused.because(Refusal.MALFORMED_CREDENTIAL, "The date in X-Amz-Credential (" + scopeDate
                    + ") is not the date of X-Amz-Date (" + first.get("X-Amz-Date") + ").");
        }
        Optional<Refused> timing = checkTiming(signedAt, first.get("X-Amz-Date"), first.get("X-Amz-Expires"));
        if (timing.isPresent()) {
            return timing.get();
        }
        Optional<Refused> token = checkToken(credential, first.get(TOKEN));
        if (token.isPresent()) {
            return token.get();
        }
        return checkSignature(request, params, first, credential, scopeDate, service);
    }

    /** Issued (Cognito) keys stop working when they expire, as AWS's "The security token ... is expired". */
    private Optional<Refused> checkCredentialExpiry(String accessKeyId) {
        Optional<Instant> expiration = credentials.expirationOf(accessKeyId);
        Instant now = clock.instant();
        if (expiration.isPresent() && !now.isBefore(expiration.get())) {
            return Optional.of(Refused.because(Refusal.CREDENTIALS_EXPIRED, "The security token included in the "
                    + "request is expired: the temporary credentials with access key id '" + accessKeyId
                    + "' expired at " + expiration.get() + " (it is now " + now + "). Get new credentials "
                    + "(GetCredentialsForIdentity) and presign a new URL."));
        }
        return Optional.empty();
    }

    private Optional<Refused> checkTiming(Instant signedAt, String amzDate, String expires) {
        Instant now = clock.instant();
        Duration skew = Duration.between(signedAt, now);
        if (skew.abs().compareTo(allowedSkew) > 0) {
            String direction = skew.isNegative() ? "ahead of" : "behind";
            return Optional.of(Refused.because(Refusal.CLOCK_SKEW, "X-Amz-Date " + amzDate + " is "
                    + human(skew.abs()) + " " + direction + " the emulator's clock (" + SigV4.AMZ_DATE.format(now)
                    + "); at most " + human(allowedSkew) + " of clock skew is allowed. Sign the URL just before "
                    + "connecting, and check the client's clock."));
        }
        if (expires != null) {
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
            if (now.isAfter(expiry)) {
                return Optional.of(Refused.because(Refusal.EXPIRED, "The URL expired at " + SigV4.AMZ_DATE.format(expiry)
                        + " (X-Amz-Date " + amzDate + " + X-Amz-Expires " + seconds + " s); it is now "
                        + SigV4.AMZ_DATE.format(now) + ". Presign a new URL for each connection."));
            }
        }
        return Optional.empty();
    }

    private static Optional<Refused> checkToken(LocalCredential credential, String token) {
        if (credential.isTemporary() && token == null) {
            return Optional.of(Refused.because(Refusal.MISSING_SECURITY_TOKEN, "The access key id '"
                    + credential.accessKeyId() + "' belongs to temporary credentials, so the URL needs the session "
                    + "token as X-Amz-Security-Token, appended after signing."));
        }
        if (token != null && (!credential.isTemporary() || !SigV4.constantTimeEquals(credential.sessionToken(), token))) {
            return Optional.of(Refused.because(Refusal.INVALID_SECURITY_TOKEN, credential.isTemporary()
                    ? "X-Amz-Security-Token is not the session token that belongs to access key id '"
                            + credential.accessKeyId() + "'."
                    : "The URL carries X-Amz-Security-Token, but access key id '" + credential.accessKeyId()
                            + "' is a long-term key with no session token. Leave the token out, or configure the key "
                            + "with its sessionToken."));
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
        String host = request.header("host").orElseThrow();
        Attempt expected = attempt(request, params, signedHeaders, host.toLowerCase(Locale.ROOT), false,
                first.get("X-Amz-Date"), scopeDate, service, credential);
        String provided = first.get(SIGNATURE).toLowerCase(Locale.ROOT);
        if (SigV4.constantTimeEquals(expected.signature, provided)) {
            return new Verified(credential, service);
        }
        return diagnose(request, params, first, signedHeaders, host, scopeDate, service, credential, expected,
                provided);
    }

    /** Tries the classic mistakes one by one, so the refusal can name the one the client made. */
    private Refused diagnose(SignedRequest request, List<Map.Entry<String, String>> params, Map<String, String> first,
            List<String> signedHeaders, String host, String scopeDate, String service, LocalCredential credential,
            Attempt expected, String provided) {
        String amzDate = first.get("X-Amz-Date");
        String lowerHost = host.toLowerCase(Locale.ROOT);
        if (first.containsKey(TOKEN) && attempt(request, params, signedHeaders, lowerHost, true, amzDate, scopeDate,
                service, credential).matches(provided)) {
            return new Refused(Refusal.TOKEN_SIGNED_IN_QUERY, "The session token (X-Amz-Security-Token) was signed "
                    + "into the canonical query. AWS IoT leaves it out: sign the URL without the token, then append "
                    + "&X-Amz-Security-Token=<url-encoded token> after signing.", expected.canonicalRequest,
                    expected.stringToSign);
        }
        if (!host.equals(lowerHost) && attempt(request, params, signedHeaders, host, false, amzDate, scopeDate,
                service, credential).matches(provided)) {
            return new Refused(Refusal.HOST_UPPER_CASE, "The URL was signed with the host '" + host
                    + "', which has upper-case letters. AWS IoT signs the lower-cased host ('" + lowerHost
                    + "'): lower-case the endpoint before presigning.", expected.canonicalRequest,
                    expected.stringToSign);
        }
        for (String variant : hostVariants(lowerHost)) {
            if (attempt(request, params, signedHeaders, variant, false, amzDate, scopeDate, service, credential)
                    .matches(provided)) {
                return new Refused(Refusal.HOST_PORT_MISMATCH, "The URL was signed for host '" + variant
                        + "' but the client sent 'Host: " + host + "'. Sign exactly the host (and port) that the "
                        + "client puts in its Host header.", expected.canonicalRequest, expected.stringToSign);
            }
        }
        return new Refused(Refusal.SIGNATURE_MISMATCH, "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. The emulator signed "
                + "the canonical request and string to sign below; compare them with your signer's. Common causes: a "
                + "wrong secret key, a host that differs from the Host header ('" + host + "'; signed lower-cased), "
                + "a path other than /mqtt, or query values encoded differently.",
                expected.canonicalRequest, expected.stringToSign);
    }

    private static List<String> hostVariants(String host) {
        List<String> variants = new ArrayList<>();
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > 0 && host.indexOf(']') < colon;
        if (hasPort) {
            variants.add(host.substring(0, colon));
        } else {
            variants.add(host + ":443");
            variants.add(host + ":80");
        }
        return variants;
    }

    private Attempt attempt(SignedRequest request, List<Map.Entry<String, String>> params, List<String> signedHeaders,
            String hostValue, boolean includeToken, String amzDate, String scopeDate, String service,
            LocalCredential credential) {
        List<Map.Entry<String, String>> signedParams = params.stream()
                .filter(p -> !SIGNATURE.equals(p.getKey()) && (includeToken || !TOKEN.equals(p.getKey())))
                .toList();
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            String value = "host".equals(name) ? hostValue : request.header(name).orElse("");
            headers.append(name).append(':').append(SigV4.canonicalHeaderValue(value)).append('\n');
        }
        String canonical = SigV4.canonicalRequest(request.method(), SigV4.uriEncode(request.path(), true),
                SigV4.canonicalQuery(signedParams), headers.toString(), String.join(";", signedHeaders),
                SigV4.EMPTY_PAYLOAD_SHA256);
        String stringToSign = SigV4.stringToSign(amzDate, SigV4.scope(scopeDate, region, service), canonical);
        String signature = SigV4.signature(credential.secretAccessKey(), scopeDate, region, service, stringToSign);
        return new Attempt(canonical, stringToSign, signature);
    }

    private static String human(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min " + (s % 60) + " s";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }

    private record Attempt(String canonicalRequest, String stringToSign, String signature) {
        boolean matches(String provided) {
            return SigV4.constantTimeEquals(signature, provided);
        }
    }
}
