package dev.iotemulator.internal.rules.actions;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK for Java v2 clients the actions use, one per service, built on first use against the endpoint
 * configured for that service (or the {@code default} one, e.g. LocalStack's). The emulator never calls AWS itself:
 * a service without an endpoint fails its actions, and the log says which setting to add.
 */
public final class AwsClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);
    /** The service names of {@code --action-endpoint service=url}. */
    public static final Set<String> SERVICES = Set.of("lambda", "dynamodb", "sqs", "kinesis", "s3", "firehose",
            "logs", "default");

    private static final String CBOR = "aws.cborEnabled";

    private final Map<String, URI> endpoints;
    private final Region region;
    private final StaticCredentialsProvider credentials;
    private final Map<String, SdkClient> clients = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private volatile SdkHttpClient http;

    /** @param endpoints by service name (see {@link #SERVICES}) */
    public AwsClients(Map<String, URI> endpoints, String region, String accessKeyId, String secretAccessKey) {
        this.endpoints = Map.copyOf(endpoints);
        this.region = Region.of(region);
        this.credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    public LambdaClient lambda() {
        return client("lambda", LambdaClient::builder);
    }

    public DynamoDbClient dynamoDb() {
        return client("dynamodb", DynamoDbClient::builder);
    }

    public SqsClient sqs() {
        return client("sqs", SqsClient::builder);
    }

    /**
     * Kinesis over JSON rather than the SDK's default CBOR: every Kinesis server speaks JSON, while kinesalite stores a
     * CBOR PutRecord's data in a shape no reader can decode. The SDK reads the switch when a client is built.
     */
    public KinesisClient kinesis() {
        return client("kinesis", KinesisClient::builder, true);
    }

    public S3Client s3() {
        return client("s3", () -> S3Client.builder().forcePathStyle(true));
    }

    public FirehoseClient firehose() {
        return client("firehose", FirehoseClient::builder);
    }

    public CloudWatchLogsClient logs() {
        return client("logs", CloudWatchLogsClient::builder);
    }

    /** The endpoint for a service, or null when neither it nor {@code default} is configured. */
    public URI endpoint(String service) {
        return endpoints.getOrDefault(service, endpoints.get("default"));
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            String service, Supplier<B> builder) {
        return client(service, builder, false);
    }

    @SuppressWarnings("unchecked")
    private <C extends SdkClient, B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>> C client(
            String service, Supplier<B> builder, boolean withoutCbor) {
        URI endpoint = endpoint(service);
        if (endpoint == null) {
            String fix = "start the emulator with --action-endpoint " + service + "=http://127.0.0.1:<port> (environment "
                    + "IOT_EMULATOR_ACTION_ENDPOINTS=" + service + "=http://..., builder actionEndpoint(\"" + service
                    + "\", URI)), or default=<url> for one server of every service such as LocalStack";
            if (warned.add(service)) {
                LOG.warn("event=rule_action_no_endpoint service={} fix=\"{}\"", service, fix);
            }
            throw new ActionFailure("No endpoint is configured for " + service + " (the emulator never calls AWS): "
                    + fix);
        }
        return (C) clients.computeIfAbsent(service, s -> {
            B b = builder.get().endpointOverride(endpoint).region(region).credentialsProvider(credentials)
                    .httpClient(http()).overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(10))
                            .retryStrategy(r -> r.maxAttempts(2)));
            return withoutCbor ? buildWithoutCbor(b) : b.build();
        });
    }

    /** Builds with the SDK's CBOR switch off, unless the user set it (system property {@value #CBOR}). */
    private static synchronized <C extends SdkClient> C buildWithoutCbor(AwsClientBuilder<?, C> builder) {
        if (System.getProperty(CBOR) != null) {
            return builder.build();
        }
        System.setProperty(CBOR, "false");
        try {
            return builder.build();
        } finally {
            System.clearProperty(CBOR);
        }
    }

    private SdkHttpClient http() {
        if (http == null) {
            synchronized (this) {
                if (http == null) {
                    http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                            .socketTimeout(Duration.ofSeconds(10)).build();
                }
            }
        }
        return http;
    }

    @Override
    public void close() {
        clients.values().forEach(SdkClient::close);
        clients.clear();
        if (http != null) {
            http.close();
        }
    }
}
