package dev.iotemulator.internal.auth;

import dev.iotemulator.internal.auth.Verification.Refused;
import dev.iotemulator.internal.auth.Verification.Verified;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
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

    private final CredentialScope scope;
    private final String region;

    public HeaderSignatureVerifier(CredentialStore credentials, String region, Duration allowedSkew, Clock clock) {
        this.scope = new CredentialScope(credentials, region, allowedSkew, clock);
        this.region = region;
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
        String amzDate = request.header("x-amz-date").orElse(null);
        CredentialScope.Outcome outcome = scope.check(m.group(1), amzDate, services, wording(services));
        if (outcome.refused() != null) {
            return outcome.refused();
        }
        CredentialScope.Checked checked = outcome.checked();
        LocalCredential credential = checked.credential();
        Optional<Refused> token = CredentialScope.checkToken(credential,
                request.header("x-amz-security-token").orElse(null), wording(services));
        if (token.isPresent()) {
            return token.get();
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
                amzDate, checked.scopeDate(), checked.service(), credential);
        if (expected.matches(provided)) {
            return new Verified(credential, checked.service());
        }
        if (attempt(request, request.path(), signedHeaders, payloadHash, amzDate, checked.scopeDate(),
                checked.service(), credential)
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

    private static CredentialScope.Wording wording(Set<String> services) {
        return new CredentialScope.Wording("request", "Credential", "This API is signed for service "
                + String.join(" or ", services) + ".", "in the X-Amz-Security-Token header");
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
