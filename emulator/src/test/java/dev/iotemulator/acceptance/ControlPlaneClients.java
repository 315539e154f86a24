package dev.iotemulator.acceptance;

import dev.iotemulator.Endpoints;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

/** The AWS SDK for Java v2 control-plane client as a setup script points it at the emulator's HTTP port. */
final class ControlPlaneClients {

    private ControlPlaneClients() {
    }

    static IotClient iot(Endpoints endpoints) {
        return IotClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + endpoints.httpPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        endpoints.defaultCredentials().accessKeyId(),
                        endpoints.defaultCredentials().secretAccessKey())))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
