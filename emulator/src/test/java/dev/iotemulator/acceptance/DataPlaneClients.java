package dev.iotemulator.acceptance;

import dev.iotemulator.Endpoints;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/** The AWS SDK for Java v2 data-plane client as an application points it at the emulator's HTTP port. */
final class DataPlaneClients {

    private DataPlaneClients() {
    }

    static IotDataPlaneClient plainHttp(Endpoints endpoints, String accessKeyId, String secretAccessKey) {
        return IotDataPlaneClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoints.httpPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId,
                        secretAccessKey)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
