package dev.iotemulator.internal.auth;

import dev.iotemulator.internal.auth.UrlSigning.Attempt;
import dev.iotemulator.internal.auth.UrlSigning.Variant;
import dev.iotemulator.internal.auth.Verification.Refused;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * After a presigned URL's signature did not match, tries the classic mistakes one at a time and names the one that
 * reproduces the client's signature, with its fix: the session token signed into the query, the host signed in
 * other letter case or with another port than the {@code Host} header, the payload hash hashed again (npm
 * {@code aws-signature-v4} 1.3 and later hash the payload argument themselves), the signing key derived for another
 * service, another path, query values encoded twice. Only a mismatch pays for this; a valid signature never gets
 * here. AWS answers all of these with the same bare 403.
 */
final class SignatureDiagnosis {

    /**
     * Every upper/lower-case spelling of the host's first letters is tried, 2^8 at most (a few milliseconds), which
     * covers {@code LocalHost} and capitals at the start of an endpoint; later letters are covered by all capitals.
     */
    private static final int MAX_CASED_LETTERS = 8;
    private static final List<String> OTHER_SERVICES = List.of("iot", "execute-api", "iotdata", "iotdevicegateway");
    private static final List<String> OTHER_PATHS = List.of("/", "/mqtt/");

    private final UrlSigning signing;
    private final Variant aws;
    private final Attempt expected;
    private final String provided;

    private SignatureDiagnosis(UrlSigning signing, Variant aws, Attempt expected, String provided) {
        this.signing = signing;
        this.aws = aws;
        this.expected = expected;
        this.provided = provided;
    }

    /**
     * @param aws the way AWS IoT signs this request
     * @param expected what that way produced, shown with every refusal so the client's signer can be compared
     * @param provided the client's {@code X-Amz-Signature}
     */
    static Refused diagnose(UrlSigning signing, Variant aws, Attempt expected, String provided) {
        return new SignatureDiagnosis(signing, aws, expected, provided).diagnose();
    }

    private Refused diagnose() {
        String sentHost = signing.hostHeader();
        if (signing.hasToken() && matches(aws.withTokenSigned())) {
            return refuse(Refusal.TOKEN_SIGNED_IN_QUERY, "The session token (X-Amz-Security-Token) was signed into "
                    + "the canonical query. AWS IoT leaves it out: sign the URL without the token, then append "
                    + "&X-Amz-Security-Token=<url-encoded token> after signing.");
        }
        for (String host : hostsDifferingInCase(sentHost)) {
            if (matches(aws.withHost(host))) {
                return refuse(Refusal.HOST_UPPER_CASE, "The URL was signed with the host '" + host + "', which "
                        + "has upper-case letters; AWS IoT signs the host lower-cased ('" + aws.host() + "'), "
                        + "whatever the case of the Host header (the client sent 'Host: " + sentHost + "'; WebSocket "
                        + "clients and browsers lower-case it). Lower-case the endpoint before presigning: "
                        + "describe-endpoint output or a configuration file may spell it with capitals.");
            }
        }
        for (String host : hostsDifferingInPort(aws.host())) {
            if (matches(aws.withHost(host))) {
                return refuse(Refusal.HOST_PORT_MISMATCH, "The URL was signed for host '" + host + "' but the client "
                        + "sent 'Host: " + sentHost + "'. Sign exactly the host (and port) that the client puts in "
                        + "its Host header.");
            }
        }
        if (matches(aws.withPayloadHash(SigV4.sha256Hex(SigV4.EMPTY_PAYLOAD_SHA256)))) {
            return refuse(Refusal.PAYLOAD_HASHED_TWICE, "The URL was signed with the SHA-256 of the empty payload's "
                    + "hash as its payload hash: the payload was hashed twice. The npm package aws-signature-v4 hashes "
                    + "the payload argument of createPresignedURL itself since version 1.3.0 (up to 1.2.1 it used it "
                    + "as given), so code that passes sha256('') now signs a double hash, which AWS IoT refuses too: "
                    + "pass '' as the payload argument.");
        }
        for (String service : OTHER_SERVICES) {
            if (!service.equals(aws.service()) && matches(aws.withService(service))) {
                return refuse(Refusal.WRONG_SERVICE, "The signing key and string to sign were derived for service '"
                        + service + "', but X-Amz-Credential names '" + aws.service() + "'. "
                        + ServiceNames.controlPlaneHint(service) + "Use the same service name throughout, "
                        + "'iotdevicegateway' for AWS IoT WebSocket URLs.");
            }
        }
        for (String path : OTHER_PATHS) {
            if (matches(aws.withPath(path))) {
                return refuse(Refusal.WRONG_PATH, "The URL was signed for the path '" + path + "', but the request is "
                        + "for '" + aws.path() + "'. AWS IoT WebSocket URLs are signed for GET /mqtt, the path the "
                        + "client connects to.");
            }
        }
        if (matches(aws.withValuesEncodedTwice())) {
            return refuse(Refusal.QUERY_DOUBLE_ENCODED, "The query values were percent-encoded twice in the canonical "
                    + "query (X-Amz-Credential's '/' signed as %252F instead of %2F). SigV4 encodes each name and "
                    + "value once: sign the decoded values, or values you have not encoded yourself.");
        }
        return refuse(Refusal.SIGNATURE_MISMATCH, "The request signature we calculated does not match the signature "
                + "you provided. Check your AWS Secret Access Key and signing method. The emulator signed the "
                + "canonical request and string to sign below; compare them with your signer's. None of the classic "
                + "mistakes (session token signed, host case or port, payload hashed twice, another service or path, "
                + "query encoded twice) reproduces your signature, so the likely cause is a wrong secret access key.");
    }

    private boolean matches(Variant variant) {
        return signing.sign(variant).matches(provided);
    }

    private Refused refuse(Refusal reason, String message) {
        return new Refused(reason, message, expected.canonicalRequest(), expected.stringToSign());
    }

    /**
     * Spellings of the host that differ from the lower-cased one only in letter case: the header as sent (when it
     * has capitals), then all capitals, capitalised labels and a capitalised first label, then every spelling of the
     * first {@value #MAX_CASED_LETTERS} letters.
     */
    static List<String> hostsDifferingInCase(String sentHost) {
        String lower = sentHost.toLowerCase(Locale.ROOT);
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add(sentHost);
        hosts.add(sentHost.toUpperCase(Locale.ROOT));
        hosts.add(capitalisedLabels(lower, false));
        hosts.add(capitalisedLabels(lower, true));
        int letters = (int) Math.min(MAX_CASED_LETTERS, lower.chars().filter(Character::isLetter).count());
        for (int mask = 1; mask < 1 << letters; mask++) {
            hosts.add(spelling(lower, mask));
        }
        hosts.remove(lower);
        return new ArrayList<>(hosts);
    }

    private static String capitalisedLabels(String host, boolean firstLabelUpperCase) {
        StringBuilder out = new StringBuilder(host.length());
        boolean labelStart = true;
        boolean firstLabel = true;
        for (char c : host.toCharArray()) {
            boolean upper = labelStart || (firstLabelUpperCase && firstLabel);
            out.append(upper ? Character.toUpperCase(c) : c);
            labelStart = c == '.' || c == '-' || c == ':';
            firstLabel = firstLabel && c != '.';
        }
        return out.toString();
    }

    private static String spelling(String lower, int mask) {
        StringBuilder out = new StringBuilder(lower.length());
        int letter = 0;
        for (char c : lower.toCharArray()) {
            out.append(Character.isLetter(c) && (mask >> letter++ & 1) == 1 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /** The host without its port, or with the ports clients commonly sign when the header has none. */
    static List<String> hostsDifferingInPort(String host) {
        int colon = host.lastIndexOf(':');
        boolean hasPort = colon > 0 && host.indexOf(']') < colon;
        return hasPort ? List.of(host.substring(0, colon)) : List.of(host + ":443", host + ":80");
    }
}
