package dev.iotemulator.internal.auth;

import java.util.List;
import java.util.Map;

/**
 * Computes a presigned URL's canonical request, string to sign and signature from what the client sent, the way AWS
 * IoT does ({@link #asAws}) or with one of the classic mistakes made on purpose ({@link Variant}), so that a mismatch
 * can be explained.
 */
final class UrlSigning {

    static final String SIGNATURE = "X-Amz-Signature";
    static final String TOKEN = "X-Amz-Security-Token";

    /**
     * One way of signing the request.
     *
     * @param host the value signed for the {@code host} header
     * @param tokenSigned whether {@code X-Amz-Security-Token} is in the canonical query
     * @param path the path signed (the canonical URI before encoding)
     * @param payloadHash the hash signed as the payload's
     * @param service the service the signing key and string to sign are derived for
     * @param valuesEncodedTwice whether the canonical query's values are percent-encoded a second time
     */
    record Variant(String host, boolean tokenSigned, String path, String payloadHash, String service,
            boolean valuesEncodedTwice) {

        Variant withHost(String value) {
            return new Variant(value, tokenSigned, path, payloadHash, service, valuesEncodedTwice);
        }

        Variant withTokenSigned() {
            return new Variant(host, true, path, payloadHash, service, valuesEncodedTwice);
        }

        Variant withPath(String value) {
            return new Variant(host, tokenSigned, value, payloadHash, service, valuesEncodedTwice);
        }

        Variant withPayloadHash(String value) {
            return new Variant(host, tokenSigned, path, value, service, valuesEncodedTwice);
        }

        Variant withService(String value) {
            return new Variant(host, tokenSigned, path, payloadHash, value, valuesEncodedTwice);
        }

        Variant withValuesEncodedTwice() {
            return new Variant(host, tokenSigned, path, payloadHash, service, true);
        }
    }

    /** What one way of signing produced. */
    record Attempt(String canonicalRequest, String stringToSign, String signature) {
        boolean matches(String provided) {
            return SigV4.constantTimeEquals(signature, provided);
        }
    }

    private final SignedRequest request;
    private final List<Map.Entry<String, String>> params;
    private final List<String> signedHeaders;
    private final String amzDate;
    private final String scopeDate;
    private final String region;
    private final LocalCredential credential;

    UrlSigning(SignedRequest request, List<Map.Entry<String, String>> params, List<String> signedHeaders,
            String amzDate, String scopeDate, String region, LocalCredential credential) {
        this.request = request;
        this.params = params;
        this.signedHeaders = signedHeaders;
        this.amzDate = amzDate;
        this.scopeDate = scopeDate;
        this.region = region;
        this.credential = credential;
    }

    /** AWS IoT's way: the received host lower-cased, the token left out, the request's path, the empty payload. */
    static Variant asAws(SignedRequest request, String service) {
        return new Variant(request.header("host").orElseThrow().toLowerCase(java.util.Locale.ROOT), false,
                request.path(), SigV4.EMPTY_PAYLOAD_SHA256, service, false);
    }

    String hostHeader() {
        return request.header("host").orElseThrow();
    }

    boolean hasToken() {
        return params.stream().anyMatch(p -> TOKEN.equals(p.getKey()));
    }

    Attempt sign(Variant variant) {
        List<Map.Entry<String, String>> signedParams = params.stream()
                .filter(p -> !SIGNATURE.equals(p.getKey()) && (variant.tokenSigned() || !TOKEN.equals(p.getKey())))
                .map(p -> variant.valuesEncodedTwice() ? Map.entry(p.getKey(), SigV4.uriEncode(p.getValue(), false)) : p)
                .toList();
        StringBuilder headers = new StringBuilder();
        for (String name : signedHeaders) {
            String value = "host".equals(name) ? variant.host() : request.header(name).orElse("");
            headers.append(name).append(':').append(SigV4.canonicalHeaderValue(value)).append('\n');
        }
        String canonical = SigV4.canonicalRequest(request.method(), SigV4.uriEncode(variant.path(), true),
                SigV4.canonicalQuery(signedParams), headers.toString(), String.join(";", signedHeaders),
                variant.payloadHash());
        String scope = SigV4.scope(scopeDate, region, variant.service());
        String stringToSign = SigV4.stringToSign(amzDate, scope, canonical);
        return new Attempt(canonical, stringToSign, SigV4.signature(credential.secretAccessKey(), scopeDate, region,
                variant.service(), stringToSign));
    }
}
