package dev.iotemulator.sample;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * Presigns the {@code GET /mqtt} WebSocket upgrade for AWS IoT Core with Signature Version 4 in the query string.
 *
 * <p>Why a sample needs its own presigner: Paho signs nothing, browsers cannot add headers to a WebSocket upgrade,
 * and generic SigV4 presigners put the session token into the signed query, which AWS IoT rejects with 403. This one
 * follows the AWS IoT developer guide ("MQTT over the WebSocket protocol", "Signature Version 4 signing process"):
 * service {@code iotdevicegateway}, only the {@code host} header signed, the SHA-256 of the empty payload, and the
 * session token appended <em>after</em> the signature, outside the canonical query.
 *
 * <p>The signed host is the {@code Host} header Paho 1.2.5 will send for the URL: the lower-cased host name, plus
 * {@code :port} for every port except 80. Paho sends {@code Host: name:443} even for {@code wss} on 443, so that is
 * what is signed (the AWS IoT Device SDK for Java v1, also built on Paho, does the same). A browser or another client
 * that drops default ports needs a different host here.
 *
 * <pre>{@code
 * var presigner = new SigV4WebSocketPresigner(accessKeyId, secretAccessKey, sessionToken, "us-east-1");
 * URI url = presigner.presign("wss", "abcdefghij1234-ats.iot.us-east-1.amazonaws.com", 443, Instant.now());
 * MqttClient paho = new MqttClient(url.toString(), "my-client", new MemoryPersistence());
 * }</pre>
 */
public final class SigV4WebSocketPresigner {

    /** The signing name AWS IoT documents for the device gateway. */
    public static final String SERVICE = "iotdevicegateway";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String PATH = "/mqtt";
    private static final String EMPTY_PAYLOAD_SHA256 =
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final String region;

    /**
     * @param sessionToken null or blank for long-term keys; set for temporary (STS, Cognito) credentials
     * @param region the region of the endpoint, e.g. {@code us-east-1}
     */
    public SigV4WebSocketPresigner(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
        this.accessKeyId = requireText(accessKeyId, "accessKeyId");
        this.secretAccessKey = requireText(secretAccessKey, "secretAccessKey");
        this.sessionToken = sessionToken == null || sessionToken.isBlank() ? null : sessionToken;
        this.region = requireText(region, "region");
    }

    /** A URL signed at {@code now}, without {@code X-Amz-Expires} (as the AWS SDKs sign it). */
    public URI presign(String scheme, String host, int port, Instant now) {
        return presign(scheme, host, port, now, null);
    }

    /**
     * A URL signed at {@code now}.
     *
     * @param scheme {@code wss} for AWS IoT, {@code ws} for a local emulator without TLS
     * @param host the endpoint host name, in any case; it is lower-cased in the URL and in the signature
     * @param expires adds {@code X-Amz-Expires} (part of the signature) when not null; AWS does not promise to honour it
     */
    public URI presign(String scheme, String host, int port, Instant now, Duration expires) {
        if (!"wss".equals(scheme) && !"ws".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be wss or ws, not '" + scheme + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 1-65535");
        }
        String lowerHost = requireText(host, "host").toLowerCase(Locale.ROOT);
        String query = canonicalQuery(now, expires);
        String signature = sign(stringToSign(now, canonicalRequest(query, pahoHostHeader(lowerHost, port))), now);
        StringBuilder url = new StringBuilder(scheme).append("://").append(lowerHost).append(':').append(port)
                .append(PATH).append('?').append(query).append("&X-Amz-Signature=").append(signature);
        if (sessionToken != null) {
            url.append("&X-Amz-Security-Token=").append(encode(sessionToken));
        }
        return URI.create(url.toString());
    }

    /** The Host header Paho 1.2.5 sends: {@code host:port}, except {@code host} alone on port 80. */
    static String pahoHostHeader(String host, int port) {
        return port == 80 ? host : host + ":" + port;
    }

    /** Parameters in sorted order, as SigV4 requires; the signature and the token are not part of it. */
    String canonicalQuery(Instant now, Duration expires) {
        StringBuilder query = new StringBuilder()
                .append("X-Amz-Algorithm=").append(ALGORITHM)
                .append("&X-Amz-Credential=").append(encode(accessKeyId + "/" + scope(now)))
                .append("&X-Amz-Date=").append(AMZ_DATE.format(now));
        if (expires != null) {
            query.append("&X-Amz-Expires=").append(expires.toSeconds());
        }
        return query.append("&X-Amz-SignedHeaders=host").toString();
    }

    static String canonicalRequest(String canonicalQuery, String hostHeader) {
        return "GET\n" + PATH + "\n" + canonicalQuery + "\n" + "host:" + hostHeader + "\n\n" + "host\n"
                + EMPTY_PAYLOAD_SHA256;
    }

    String stringToSign(Instant now, String canonicalRequest) {
        return ALGORITHM + "\n" + AMZ_DATE.format(now) + "\n" + scope(now) + "\n" + SigV4Crypto.sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String stringToSign, Instant now) {
        return SigV4Crypto.signature(secretAccessKey, day(now), region, SERVICE, stringToSign);
    }

    private String scope(Instant now) {
        return day(now) + "/" + region + "/" + SERVICE + "/aws4_request";
    }

    private static String day(Instant now) {
        return AMZ_DATE.format(now).substring(0, 8);
    }

    static String encode(String value) {
        return SigV4Crypto.encode(value);
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
