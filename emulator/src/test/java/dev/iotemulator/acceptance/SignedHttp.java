package dev.iotemulator.acceptance;

import dev.iotemulator.internal.auth.SigV4;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A bare SigV4 header signer over the JDK HTTP client, signing like the AWS CLI: {@code host;x-amz-date} only, no
 * {@code x-amz-content-sha256}, the path URI-encoded a second time.
 */
final class SignedHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedHttp() {
    }

    /**
     * @param rawPath  the path as sent on the wire
     * @param rawQuery the query as sent, already in canonical order and encoding, or empty
     */
    static HttpResponse<String> send(int port, String method, String rawPath, String rawQuery, byte[] body,
            String accessKeyId, String secret, String service) throws IOException, InterruptedException {
        String host = "127.0.0.1:" + port;
        String amzDate = SigV4.AMZ_DATE.format(Instant.now());
        String date = amzDate.substring(0, 8);
        String canonical = SigV4.canonicalRequest(method, SigV4.uriEncode(rawPath, true), rawQuery,
                "host:" + host + "\nx-amz-date:" + amzDate + "\n", "host;x-amz-date", sha256(body));
        String signature = SigV4.signature(secret, date, "us-east-1", service,
                SigV4.stringToSign(amzDate, SigV4.scope(date, "us-east-1", service), canonical));
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://" + host + rawPath + (rawQuery.isEmpty() ? "" : "?" + rawQuery)))
                .header("X-Amz-Date", amzDate)
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + date + "/us-east-1/"
                        + service + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
