package dev.iotemulator.internal.auth;

import dev.iotemulator.internal.auth.Verification.Refused;
import dev.iotemulator.internal.auth.Verification.Verified;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies SigV4 signatures carried in the {@code Authorization} header, as the AWS SDKs and the AWS CLI sign
 * HTTPS data-plane calls (AWS General Reference, "Signature Version 4"; the project's AWS behaviour reference
 * §1.9): the canonical path URI-encoded a second time (every service but S3 does that, so {@code /topics/a%2Fb}
 * is signed as {@code /topics/a%252Fb}); {@code x-amz-content-sha256} used when sent and computed from the body
 * otherwise, because the Java SDK sends it and the AWS CLI does not; {@code X-Amz-Security-Token} a signed header
 * checked against the credential. Unlike AWS, every refusal says what was wrong.
 */
public final class HeaderSignatureVerifier {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private final CredentialStore credentials;
    private final String region;
    private final Duration allowedSkew;
    private final Clock clock;

    public HeaderSignatureVerifier(CredentialStore credentials, String region, Duration allowedSkew, Clock clock) {
        this.credentials = credentials;
        this.region = region;
        this.allowedSkew = allowedSkew;
        this.clock = clock;
    }

    /**
     * @param request  the request with {@code path} exactly as received on the wire (still percent-encoded)
     * @param body     the request body
     * @param services the signing names accepted in the credential scope
     */
    public Verification verify(SignedRequest request, byte[] body, Set<String> services) {
        Optional<String> authorization = request.header("authorization");
        if (authorization.isEmpty()) {
            return Refused.because(Refusal.MISSING_PARAMETER, "The request has no Authorization header. Sign it "
                    + "with SigV4 (AWS4-HMAC-SHA256, service " + String.join(" or ", services) + "), e.g. with an "
                    + "AWS SDK or the AWS CLI using --endpoint-url.");
        }
        Matcher m = AUTHORIZATION.matcher(authorization.get().trim());
        if (!m.matches()) {
            return Refused.because(Refusal.UNSUPPORTED_ALGORITHM, "The Authorization header is not of the form "
                    + "'AWS4-HMAC-SHA256 Credential=<key>/<date>/<region>/<service>/aws4_request, SignedHeaders=..., "
                    + "Signature=...'.");
        }
        String[] scope = m.group(1).split("/", -1);
        if (scope.length != 5 || !"aws4_request".equals(scope[4]) || scope[0].isEmpty()) {
            return Refused.because(Refusal.MALFORMED_CREDENTIAL, "Credential '" + m.group(1)
                    + "' is not of the form <access key id>/<yyyymmdd>/<region>/<service>/aws4_request.");
        }
        String service = scope[3];
        if (!services.contains(service)) {
            return Refused.because(Refusal.WRONG_SERVICE, "The request is signed for service '" + service
                    + "'; this API is signed for service " + String.join(" or ", services) + ".");
        }
        if (!region.equals(scope[2])) {
            return Refused.because(Refusal.WRONG_REGION, "The request is signed for region '" + scope[2]
                    + "' but this endpoint is in region '" + region + "'. Sign for '" + region
                    + "', or start the emulator with --region " + scope[2] + ".");
        }
        Optional<LocalCredential> found = credentials.find(scope[0]);
        if (found.isEmpty()) {
            return Refused.because(Refusal.UNKNOWN_ACCESS_KEY, "The access key id '" + scope[0]
                    + "' is not configured in the emulator. Add it to credentials.json in the config directory "
                    + "(--config-dir), or sign with a configured key.");
        }
        LocalCredential credential = found.get();
        String amzDate = request.header("x-amz-date").orElse(null);
        if (amzDate == null) {
            return Refused.because(Refusal.MISSING_PARAMETER, "The request has no X-Amz-Date header.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(SigV4.AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return Refused.because(Refusal.MALFORMED_DATE, "X-Amz-Date '" + amzDate
                    + "' is not in the basic ISO 8601 form yyyyMMdd'T'HHmmss'Z' (UTC).");
        }
        if (!scope[1].equals(SigV4.SCOPE_DATE.format(signedAt))) {
            return Refused.because(Refusal.MALFORMED_CREDENTIAL, "The date in the Credential (" + scope[1]
                    + ") is not the date of X-Amz-Date (" + amzDate + ").");
        }
        Duration skew = Duration.between(signedAt, clock.instant());
        if (skew.abs().compareTo(allowedSkew) > 0) {
            return Refused.because(Refusal.CLOCK_SKEW, "X-Amz-Date " + amzDate + " is " + skew.abs().toSeconds()
                    + " s away from the emulator's clock (" + SigV4.AMZ_DATE.format(clock.instant()) + "); at most "
                    + allowedSkew.toSeconds() + " s of skew is allowed. Check the client's clock.");
        }
        Optional<String> token = request.header("x-amz-security-token");
        if (credential.isTemporary() && token.isEmpty()) {
            return Refused.because(Refusal.MISSING_SECURITY_TOKEN, "The access key id '" + credential.accessKeyId()
                    + "' belongs to temporary credentials, so the request needs its session token in the "
                    + "X-Amz-Security-Token header.");
        }
        if (token.isPresent() && (!credential.isTemporary()
                || !SigV4.constantTimeEquals(credential.sessionToken(), token.get()))) {
            return Refused.because(Refusal.INVALID_SECURITY_TOKEN, credential.isTemporary()
                    ? "X-Amz-Security-Token is not the session token of access key id '" + credential.accessKeyId() + "'."
                    : "The request carries X-Amz-Security-Token, but access key id '" + credential.accessKeyId()
                            + "' is a long-term key with no session token.");
        }
        String bodyHash = sha256Hex(body);
        Optional<String> declared = request.header("x-amz-content-sha256");
        if (declared.isPresent() && !UNSIGNED.equals(declared.get())
                && !declared.get().equalsIgnoreCase(bodyHash)) {
            return Refused.because(Refusal.SIGNATURE_MISMATCH, "x-amz-content-sha256 is " + declared.get()
                    + " but the SHA-256 of the body received is " + bodyHash + ".");
        }
        List<String> signedHeaders = List.of(m.group(2).toLowerCase(Locale.ROOT).split(";", -1));
        for (String name : signedHeaders) {
            if (request.header(name).isEmpty()) {
                return Refused.because(Refusal.SIGNED_HEADER_MISSING, "SignedHeaders names '" + name
                        + "', but the request has no such header.");
            }
        }
        if (!signedHeaders.contains("host")) {
            return Refused.because(Refusal.SIGNED_HEADER_MISSING, "SignedHeaders is '" + m.group(2)
                    + "'; SigV4 requires the host header to be signed.");
        }
        String payloadHash = declared.orElse(bodyHash);
        String provided = m.group(3).toLowerCase(Locale.ROOT);
        Attempt expected = attempt(request, SigV4.uriEncode(request.path(), true), signedHeaders, payloadHash,
                amzDate, scope[1], service, credential);
        if (expected.matches(provided)) {
            return new Verified(credential, service);
        }
        if (attempt(request, request.path(), signedHeaders, payloadHash, amzDate, scope[1], service, credential)
                .matches(provided)) {
            return new Refused(Refusal.SIGNATURE_MISMATCH, "The path was URI-encoded only once in the canonical "
                    + "request. Every AWS service but S3 encodes it twice: '" + request.path() + "' is signed as '"
                    + SigV4.uriEncode(request.path(), true) + "'.", expected.canonicalRequest, expected.stringToSign);
        }
        return new Refused(Refusal.SIGNATURE_MISMATCH, "The request signature we calculated does not match the "
                + "signature you provided. Check your AWS Secret Access Key and signing method. The emulator signed "
                + "the canonical request and string to sign below; compare them with your signer's.",
                expected.canonicalRequest, expected.stringToSign);
    }

    private Attempt attempt(SignedRequest request, String canonicalUri, List<String> signedHeaders,
            String payloadHash, String amzDate, String scopeDate, String service, LocalCredential credential) {
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            String value = SigV4.canonicalHeaderValue(request.header(name).orElse(""));
            headers.append(name).append(':').append(value).append('\n');
        }
        String canonical = SigV4.canonicalRequest(request.method(), canonicalUri,
                SigV4.canonicalQuery(request.queryParameters()), headers.toString(), String.join(";", signedHeaders),
                payloadHash);
        String stringToSign = SigV4.stringToSign(amzDate, SigV4.scope(scopeDate, region, service), canonical);
        String signature = SigV4.signature(credential.secretAccessKey(), scopeDate, region, service, stringToSign);
        return new Attempt(canonical, stringToSign, signature);
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private record Attempt(String canonicalRequest, String stringToSign, String signature) {
        boolean matches(String provided) {
            return SigV4.constantTimeEquals(signature, provided);
        }
    }
}
