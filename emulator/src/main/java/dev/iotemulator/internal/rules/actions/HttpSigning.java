package dev.iotemulator.internal.rules.actions;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * SigV4 for the {@code http} action's {@code auth.sigv4}: the AWS SDK's own signer, so a target that verifies
 * signatures (API Gateway with IAM auth, a Lambda function URL, ...) sees what AWS IoT would send. AWS signs with the
 * rule's role; locally the emulator's default credential stands in for it.
 */
final class HttpSigning {

    /** Headers java.net.http sets itself; the value it sends for Host is the one signed. */
    private static final List<String> SET_BY_CLIENT = List.of("host", "content-length");

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity credential;

    HttpSigning(AwsCredentialsIdentity credential) {
        this.credential = credential;
    }

    /**
     * @param headers the request's own headers, which are signed too
     * @return the headers to send: the request's own plus Authorization, X-Amz-Date and the other signing headers
     */
    Map<String, List<String>> sign(URI url, Map<String, String> headers, byte[] body, String region,
            String service) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(url);
        headers.forEach(request::putHeader);
        SdkHttpRequest signed = signer.sign(r -> r.identity(credential).request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)).request();
        Map<String, List<String>> out = new LinkedHashMap<>();
        signed.forEachHeader((name, values) -> {
            if (!SET_BY_CLIENT.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                out.put(name, values);
            }
        });
        return out;
    }
}
