package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.RuleExecution;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Rule actions against real local servers installed from npm by the build and started once for this class:
 * dynalite (DynamoDB), kinesalite (Kinesis), a Lambda function under serverless-offline, and a plain JDK HTTP server.
 * The emulator calls them with the real AWS SDK for Java v2 clients; the tests read back with the SDK too.
 */
class RuleActionsLocalServersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String ROLE = "\"roleArn\": \"arn:aws:iam::000000000000:role/iot-rules\"";

    @TempDir
    static Path tmp;
    static LocalAwsServers servers;
    static HttpServer web;
    static final BlockingQueue<Map<String, String>> webRequests = new LinkedBlockingQueue<>();
    static IotEmulator iot;
    static DynamoDbClient dynamo;
    static KinesisClient kinesis;

    @BeforeAll
    static void start() throws Exception {
        servers = LocalAwsServers.start(tmp.resolve("lambda-events.jsonl"));
        web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            webRequests.add(Map.of("method", exchange.getRequestMethod(), "path", exchange.getRequestURI().getPath(),
                    "x-device", String.valueOf(exchange.getRequestHeaders().getFirst("x-device")),
                    "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("content-type")),
                    "body", new String(exchange.getRequestBody().readAllBytes(), UTF_8)));
            int status = exchange.getRequestURI().getPath().startsWith("/broken") ? 503 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        web.start();
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls()
                .actionEndpoint("dynamodb", servers.dynamoDb).actionEndpoint("kinesis", servers.kinesis)
                .actionEndpoint("lambda", servers.lambdaEndpoint).build());
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAIOSFODNN7EXAMPLE",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"));
        dynamo = DynamoDbClient.builder().endpointOverride(servers.dynamoDb).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        // kinesalite speaks CBOR badly (see AwsClients.kinesis()), so this reader uses JSON too; the SDK reads the
        // switch when a client is built.
        System.setProperty("aws.cborEnabled", "false");
        try {
            kinesis = KinesisClient.builder().endpointOverride(servers.kinesis).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
        dynamo.createTable(b -> b.tableName("Telemetry")
                .keySchema(k -> k.attributeName("deviceId").keyType(KeyType.HASH))
                .attributeDefinitions(a -> a.attributeName("deviceId").attributeType(ScalarAttributeType.S))
                .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L)));
        kinesis.createStream(b -> b.streamName("telemetry").shardCount(1));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName("Telemetry"));
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName("telemetry"));
    }

    @AfterAll
    static void stop() {
        if (iot != null) {
            iot.close();
        }
        if (web != null) {
            web.stop(0);
        }
        if (servers != null) {
            servers.close();
        }
    }

    private static void publish(String clientId, String topic, String payload) throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), clientId)) {
            device.paho.publish(topic, payload.getBytes(UTF_8), 1, false);
        }
    }

    private static RuleExecution fired(String rule) {
        RuleExecution e = iot.awaitRuleExecution(x -> x.ruleName().equals(rule), WAIT);
        assertTrue(e.succeeded(), e.explanation());
        return e;
    }

    @Test
    void a_dynamodbv2_action_writes_an_item_the_sdk_reads_back_from_dynalite() throws Exception {
        iot.createTopicRule("to_dynamo", "{\"sql\": \"SELECT topic(2) AS deviceId, temp, status FROM "
                + "'ddb/+/telemetry'\", \"awsIotSqlVersion\": \"2016-03-23\", \"actions\": [{\"dynamoDBv2\": "
                + "{\"putItem\": {\"tableName\": \"Telemetry\"}, " + ROLE + "}}]}");
        publish("sensor-ddb", "ddb/d1/telemetry", "{\"temp\": 21.5, \"status\": \"ok\", \"ignored\": 1}");
        fired("to_dynamo");
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName("Telemetry")
                .key(Map.of("deviceId", AttributeValue.fromS("d1"))).consistentRead(true)).item();
        assertEquals(Map.of("deviceId", AttributeValue.fromS("d1"), "temp", AttributeValue.fromN("21.5"),
                "status", AttributeValue.fromS("ok")), item);
    }

    @Test
    void a_kinesis_action_puts_a_record_read_back_from_kinesalite() throws Exception {
        iot.createTopicRule("to_kinesis", "{\"sql\": \"SELECT * FROM 'kin/#'\", \"actions\": [{\"kinesis\": "
                + "{\"streamName\": \"telemetry\", \"partitionKey\": \"${topic(2)}\", " + ROLE + "}}]}");
        publish("sensor-kin", "kin/d2/telemetry", "{\"temp\": 19}");
        RuleExecution e = fired("to_kinesis");
        assertTrue(e.actions().get(0).detail().startsWith("ShardId shardId-000000000000"), e.explanation());
        String shard = kinesis.listShards(b -> b.streamName("telemetry")).shards().get(0).shardId();
        String iterator = kinesis.getShardIterator(b -> b.streamName("telemetry").shardId(shard)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        Record record = kinesis.getRecords(b -> b.shardIterator(iterator)).records().get(0);
        assertEquals("d2", record.partitionKey());
        assertEquals("{\"temp\":19}", record.data().asUtf8String());
    }

    @Test
    void a_lambda_action_invokes_the_function_under_serverless_offline() throws Exception {
        iot.createTopicRule("to_lambda", "{\"sql\": \"SELECT temp, clientid() AS client FROM 'lam/+'\", "
                + "\"actions\": [{\"lambda\": {\"functionArn\": \"" + LocalAwsServers.FUNCTION_ARN + "\"}}]}");
        publish("sensor-lam", "lam/d3", "{\"temp\": 23}");
        RuleExecution e = fired("to_lambda");
        assertEquals("invoked asynchronously: HTTP 202", e.actions().get(0).detail());
        assertEquals("{\"temp\":23,\"client\":\"sensor-lam\"}", awaitLambdaEvent("sensor-lam"));
    }

    @Test
    void aws_lambda_in_select_uses_the_function_result() throws Exception {
        iot.createTopicRule("enrich", "{\"sql\": \"SELECT temp, aws_lambda('" + LocalAwsServers.FUNCTION_ARN
                + "', {'temp': temp}).doubled AS doubled FROM 'enrich/+'\", \"awsIotSqlVersion\": \"2016-03-23\", "
                + "\"actions\": [{\"republish\": {\"topic\": \"enriched/${topic(2)}\", " + ROLE + "}}]}");
        try (PahoClients.Client app = PahoClients.overWebSocket(iot.endpoints(), "app-enrich")) {
            app.paho.subscribe("enriched/#", 1);
            publish("sensor-enrich", "enrich/d4", "{\"temp\": 21}");
            PahoClients.Received r = app.next();
            assertEquals("enriched/d4", r.topic());
            assertEquals("{\"temp\":21,\"doubled\":42}", new String(r.message().getPayload(), UTF_8));
        }
    }

    @Test
    void an_http_action_posts_the_substituted_body_and_headers() throws Exception {
        webRequests.clear();
        iot.createTopicRule("to_web", "{\"sql\": \"SELECT temp, topic(2) AS device FROM 'web/+'\", "
                + "\"awsIotSqlVersion\": \"2016-03-23\", \"actions\": [{\"http\": {\"url\": \"http://127.0.0.1:"
                + web.getAddress().getPort() + "/hook/${topic(2)}\", \"headers\": [{\"key\": \"x-device\", "
                + "\"value\": \"${upper(topic(2))}\"}]}}]}");
        publish("sensor-web", "web/d7", "{\"temp\": 30}");
        Map<String, String> request = webRequests.poll(15, TimeUnit.SECONDS);
        assertEquals(Map.of("method", "POST", "path", "/hook/d7", "x-device", "D7", "content-type",
                "application/json", "body", "{\"temp\":30,\"device\":\"d7\"}"), request);
        assertEquals("HTTP 200", fired("to_web").actions().get(0).detail());
    }

    @Test
    void a_failing_target_triggers_the_error_action_with_aws_payload_shape() throws Exception {
        iot.createTopicRule("failing", "{\"sql\": \"SELECT * FROM 'fail/+'\", \"actions\": [{\"dynamoDBv2\": "
                + "{\"putItem\": {\"tableName\": \"NoSuchTable\"}, " + ROLE + "}}, {\"sqs\": {\"queueUrl\": "
                + "\"http://127.0.0.1:1/000000000000/q\", " + ROLE + "}}], \"errorAction\": {\"republish\": "
                + "{\"topic\": \"errors/${topic(2)}\", " + ROLE + "}}}");
        JsonNode error;
        try (PahoClients.Client ops = PahoClients.overWebSocket(iot.endpoints(), "ops-1")) {
            ops.paho.subscribe("errors/#", 1);
            publish("sensor-fail", "fail/d8", "{\"temp\": 1}");
            PahoClients.Received r = ops.next();
            assertEquals("errors/d8", r.topic());
            error = JSON.readTree(r.message().getPayload());
        }
        assertEquals("failing", error.get("ruleName").asText());
        assertEquals("fail/d8", error.get("topic").asText());
        assertEquals("sensor-fail", error.get("clientId").asText());
        assertFalse(error.get("cloudwatchTraceId").asText().isEmpty());
        assertEquals("{\"temp\": 1}", new String(Base64.getDecoder().decode(error.get("base64OriginalPayload")
                .asText()), UTF_8));
        JsonNode dynamoFailure = error.get("failures").get(0);
        assertEquals("DynamoDBv2Action", dynamoFailure.get("failedAction").asText());
        assertEquals("NoSuchTable", dynamoFailure.get("failedResource").asText());
        assertTrue(dynamoFailure.get("errorMessage").asText().contains("Error Code: ResourceNotFoundException"), error.toString());
        JsonNode sqsFailure = error.get("failures").get(1);
        assertEquals("SqsAction", sqsFailure.get("failedAction").asText());
        assertTrue(sqsFailure.get("errorMessage").asText().contains("--action-endpoint sqs=http://127.0.0.1:<port>"),
                error.toString());
        RuleExecution e = iot.awaitRuleExecution("failing", WAIT);
        assertTrue(e.fired() && !e.succeeded() && e.errorAction().succeeded(), e.explanation());
    }

    private static String awaitLambdaEvent(String marker) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (Files.exists(servers.lambdaEvents)) {
                for (String line : Files.readAllLines(servers.lambdaEvents, UTF_8)) {
                    if (line.contains(marker)) {
                        return line;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the function never got an event with " + marker);
    }
}
