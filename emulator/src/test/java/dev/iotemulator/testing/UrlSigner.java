package dev.iotemulator.testing;

import dev.iotemulator.internal.auth.SigV4;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A deliberately configurable SigV4 URL presigner for tests: it can sign the way every real client does (host with
 * or without port, {@code connection;host}, {@code iotdata}) and make each classic mistake on purpose.
 */
public final class UrlSigner {

    private String accessKeyId = "AKIAIOSFODNN7EXAMPLE";
    private String secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private String sessionToken;
    private String region = "us-east-1";
    private String service = "iotdevicegateway";
    private String signedHost;
    private Instant time = Instant.now();
    private Long expires;
    private boolean signToken;
    private boolean tokenBeforeSignature;
    private String payloadHash = SigV4.EMPTY_PAYLOAD_SHA256;
    private String signingService;
    private String signedPath = "/mqtt";
    private boolean valuesEncodedTwice;
    private final Map<String, String> extraSignedHeaders = new LinkedHashMap<>();

    public static UrlSigner forHost(String hostHeader) {
        UrlSigner s = new UrlSigner();
        s.signedHost = hostHeader;
        return s;
    }

    public UrlSigner key(String accessKeyId, String secret) {
        this.accessKeyId = accessKeyId;
        this.secret = secret;
        return this;
    }

    public UrlSigner token(String sessionToken) {
        this.sessionToken = sessionToken;
        return this;
    }

    public UrlSigner region(String region) {
        this.region = region;
        return this;
    }

    public UrlSigner service(String service) {
        this.service = service;
        return this;
    }

    /** Signs this host string as-is (no lower-casing): lets a test make the upper-case host mistake. */
    public UrlSigner signedHost(String host) {
        this.signedHost = host;
        return this;
    }

    public UrlSigner at(Instant time) {
        this.time = time;
        return this;
    }

    public UrlSigner expires(long seconds) {
        this.expires = seconds;
        return this;
    }

    /** The classic mistake of generic presigners: the session token inside the canonical query. */
    public UrlSigner signTokenIntoQuery() {
        this.signToken = true;
        return this;
    }

    /** Where aws-crt puts the token: before X-Amz-Signature (still unsigned). */
    public UrlSigner tokenBeforeSignature() {
        this.tokenBeforeSignature = true;
        return this;
    }

    /** Signs this payload hash instead of the empty payload's: e.g. the hash of the hash, aws-signature-v4's trap. */
    public UrlSigner payloadHash(String hash) {
        this.payloadHash = hash;
        return this;
    }

    /** Derives the signing key and string to sign for this service while X-Amz-Credential names the other one. */
    public UrlSigner signingService(String service) {
        this.signingService = service;
        return this;
    }

    /** Signs this path while the URL stays {@code /mqtt}. */
    public UrlSigner signedPath(String path) {
        this.signedPath = path;
        return this;
    }

    /** Percent-encodes the canonical query's values a second time (the URL itself is encoded once). */
    public UrlSigner encodeValuesTwiceWhenSigning() {
        this.valuesEncodedTwice = true;
        return this;
    }

    /** Signs an extra header, e.g. {@code connection: Upgrade} as aws-crt does. */
    public UrlSigner alsoSign(String header, String value) {
        extraSignedHeaders.put(header.toLowerCase(Locale.ROOT), value);
        return this;
    }

    /** The query string, without the leading {@code ?}. */
    public String query() {
        String amzDate = SigV4.AMZ_DATE.format(time);
        String date = SigV4.SCOPE_DATE.format(time);
        Map<String, String> headers = new java.util.TreeMap<>(extraSignedHeaders);
        headers.put("host", signedHost);
        String signedHeaders = String.join(";", headers.keySet());
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(entry("X-Amz-Algorithm", SigV4.ALGORITHM));
        params.add(entry("X-Amz-Credential", accessKeyId + "/" + SigV4.scope(date, region, service)));
        params.add(entry("X-Amz-Date", amzDate));
        if (expires != null) {
            params.add(entry("X-Amz-Expires", expires.toString()));
        }
        params.add(entry("X-Amz-SignedHeaders", signedHeaders));
        List<Map.Entry<String, String>> signedParams = new ArrayList<>(params);
        if (sessionToken != null && signToken) {
            signedParams.add(entry("X-Amz-Security-Token", sessionToken));
        }
        String canonicalHeaders = headers.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue() + "\n")
                .collect(Collectors.joining());
        if (valuesEncodedTwice) {
            signedParams.replaceAll(p -> entry(p.getKey(), SigV4.uriEncode(p.getValue(), false)));
        }
        String canonical = SigV4.canonicalRequest("GET", signedPath, SigV4.canonicalQuery(signedParams),
                canonicalHeaders, signedHeaders, payloadHash);
        String keyService = signingService == null ? service : signingService;
        String signature = SigV4.signature(secret, date, region, keyService,
                SigV4.stringToSign(amzDate, SigV4.scope(date, region, keyService), canonical));
        String token = sessionToken == null ? "" : "&X-Amz-Security-Token=" + SigV4.uriEncode(sessionToken, false);
        String base = SigV4.canonicalQuery(params);
        return tokenBeforeSignature ? base + token + "&X-Amz-Signature=" + signature
                : base + "&X-Amz-Signature=" + signature + token;
    }

    private static Map.Entry<String, String> entry(String k, String v) {
        return new AbstractMap.SimpleImmutableEntry<>(k, v);
    }
}
