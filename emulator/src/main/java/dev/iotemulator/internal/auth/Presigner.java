package dev.iotemulator.internal.auth;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Presigns AWS IoT WebSocket URLs the way the AWS SDKs do: service {@code iotdevicegateway}, only {@code host}
 * signed, lower-cased host with the port the client will send, session token appended after signing.
 */
public final class Presigner {

    private Presigner() {
    }

    /**
     * @param hostHeader the exact {@code Host} header the client will send (e.g. {@code 127.0.0.1:8080})
     * @param expiresSeconds {@code X-Amz-Expires}, or 0 to leave it out as the AWS SDKs do
     * @return the query string, without the leading {@code ?}
     */
    public static String presignQuery(String hostHeader, String path, LocalCredential credential, String region,
            Instant now, long expiresSeconds) {
        String service = "iotdevicegateway";
        String amzDate = SigV4.AMZ_DATE.format(now);
        String date = SigV4.SCOPE_DATE.format(now);
        List<Map.Entry<String, String>> params = new ArrayList<>();
        params.add(entry("X-Amz-Algorithm", SigV4.ALGORITHM));
        params.add(entry("X-Amz-Credential", credential.accessKeyId() + "/" + SigV4.scope(date, region, service)));
        params.add(entry("X-Amz-Date", amzDate));
        if (expiresSeconds > 0) {
            params.add(entry("X-Amz-Expires", Long.toString(expiresSeconds)));
        }
        params.add(entry("X-Amz-SignedHeaders", "host"));
        String query = SigV4.canonicalQuery(params);
        String canonical = SigV4.canonicalRequest("GET", SigV4.uriEncode(path, true), query,
                "host:" + hostHeader.toLowerCase(Locale.ROOT) + "\n", "host", SigV4.EMPTY_PAYLOAD_SHA256);
        String signature = SigV4.signature(credential.secretAccessKey(), date, region, service,
                SigV4.stringToSign(amzDate, SigV4.scope(date, region, service), canonical));
        StringBuilder url = new StringBuilder(query).append("&X-Amz-Signature=").append(signature);
        if (credential.isTemporary()) {
            url.append("&X-Amz-Security-Token=").append(SigV4.uriEncode(credential.sessionToken(), false));
        }
        return url.toString();
    }

    private static Map.Entry<String, String> entry(String name, String value) {
        return new AbstractMap.SimpleImmutableEntry<>(name, value);
    }
}
