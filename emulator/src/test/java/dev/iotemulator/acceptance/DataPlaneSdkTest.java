package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;
import software.amazon.awssdk.services.iotdataplane.model.ConflictException;
import software.amazon.awssdk.services.iotdataplane.model.GetRetainedMessageResponse;
import software.amazon.awssdk.services.iotdataplane.model.IotDataPlaneException;
import software.amazon.awssdk.services.iotdataplane.model.ListNamedShadowsForThingResponse;
import software.amazon.awssdk.services.iotdataplane.model.ListRetainedMessagesResponse;
import software.amazon.awssdk.services.iotdataplane.model.ResourceNotFoundException;

/** The AWS SDK for Java v2 {@code IotDataPlaneClient}, pointed at the emulator, against the HTTPS data plane. */
class DataPlaneSdkTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static IotEmulator iot;
    static IotDataPlaneClient sdk;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
        sdk = client(SECRET);
    }

    static IotDataPlaneClient client(String secret) {
        return DataPlaneClients.plainHttp(iot.endpoints(), KEY, secret);
    }

    @AfterAll
    static void stop() {
        sdk.close();
        iot.close();
    }

    static SdkBytes json(String json) {
        return SdkBytes.fromUtf8String(json.replace('\'', '"'));
    }

    static JsonNode read(SdkBytes bytes) throws Exception {
        return JSON.readTree(bytes.asUtf8String());
    }

    @Test
    void the_data_plane_answers_over_https_with_the_emulators_ca_trusted() throws Exception {
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("emulator-ca", TlsMaterial.certificates(
                iot.endpoints().caCertificateFile().orElseThrow()).get(0));
        trust.init(store);
        try (IotDataPlaneClient https = IotDataPlaneClient.builder()
                .endpointOverride(iot.endpoints().httpsUri().orElseThrow())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(KEY, SECRET)))
                .httpClientBuilder(ApacheHttpClient.builder().tlsTrustManagersProvider(trust::getTrustManagers))
                .build();
                PahoClients.Client sub = PahoClients.overWebSocket(iot.endpoints(), "sdk-https-sub")) {
            sub.paho.subscribe("over/https", 1);
            https.publish(b -> b.topic("over/https").qos(1).payload(json("{'tls':true}")));
            assertEquals("{\"tls\":true}", new String(sub.next().message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void publish_reaches_an_mqtt_subscriber_with_the_topic_slashes_encoded() throws Exception {
        try (PahoClients.Client sub = PahoClients.overWebSocket(iot.endpoints(), "sdk-sub-1")) {
            sub.paho.subscribe("demo/dataplane", 1);
            sdk.publish(b -> b.topic("demo/dataplane").qos(1).payload(json("{'from':'sdk'}")));
            PahoClients.Received r = sub.next();
            assertEquals("demo/dataplane", r.topic());
            assertEquals("{\"from\":\"sdk\"}", new String(r.message().getPayload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void publish_accepts_raw_slashes_in_the_path_signed_like_the_aws_cli() throws Exception {
        try (PahoClients.Client sub = PahoClients.overWebSocket(iot.endpoints(), "sdk-sub-2")) {
            sub.paho.subscribe("raw/slash/topic", 1);
            HttpResponse<String> response = SignedHttp.send(iot.endpoints().httpPort(), "POST", "/topics/raw/slash/topic",
                    "qos=1", "hi".getBytes(StandardCharsets.UTF_8), KEY, SECRET, "iotdevicegateway");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("OK", JSON.readTree(response.body()).get("message").asText());
            assertEquals("raw/slash/topic", sub.next().topic());
        }
    }

    @Test
    void a_publish_over_128_kb_is_a_413() {
        IotDataPlaneException e = assertThrows(IotDataPlaneException.class, () -> sdk.publish(b -> b
                .topic("demo/big").payload(SdkBytes.fromByteArray(new byte[128 * 1024 + 1]))));
        assertEquals(413, e.statusCode());
        assertEquals("RequestEntityTooLargeException", e.awsErrorDetails().errorCode());
    }

    @Test
    void temporary_credentials_sign_with_their_session_token() throws Exception {
        try (IotDataPlaneClient temporary = IotDataPlaneClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + iot.endpoints().httpPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        "ASIAIOSFODNN7EXAMPLE", "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
                        "IQoJb3JpZ2luX2VjEXAMPLE/SESSION+TOKEN==")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build()) {
            temporary.publish(b -> b.topic("demo/temporary").payload(json("{}")));
        }
    }

    @Test
    void a_retained_publish_can_be_read_back_listed_and_deleted_with_an_empty_body() throws Exception {
        sdk.publish(b -> b.topic("retained/sdk/a").qos(1).retain(true).payload(json("{'n':1}")));
        sdk.publish(b -> b.topic("retained/sdk/b").qos(0).retain(true).payload(json("{'n':2}")));
        GetRetainedMessageResponse got = sdk.getRetainedMessage(b -> b.topic("retained/sdk/a"));
        assertEquals("retained/sdk/a", got.topic());
        assertEquals("{\"n\":1}", got.payload().asUtf8String());
        assertEquals(1L, got.qos().longValue());
        assertTrue(got.lastModifiedTime() > 0);

        ListRetainedMessagesResponse firstPage = sdk.listRetainedMessages(b -> b.maxResults(1));
        assertEquals(1, firstPage.retainedTopics().size());
        assertTrue(firstPage.nextToken() != null);
        List<String> topics = sdk.listRetainedMessagesPaginator(b -> b.maxResults(1)).retainedTopics().stream()
                .map(t -> t.topic()).toList();
        assertTrue(topics.containsAll(List.of("retained/sdk/a", "retained/sdk/b")), topics.toString());

        sdk.publish(b -> b.topic("retained/sdk/a").retain(true).payload(SdkBytes.fromByteArray(new byte[0])));
        assertThrows(ResourceNotFoundException.class, () -> sdk.getRetainedMessage(b -> b.topic("retained/sdk/a")));
    }

    @Test
    void classic_shadow_get_update_and_delete() throws Exception {
        JsonNode accepted = read(sdk.updateThingShadow(b -> b.thingName("sdk-lamp")
                .payload(json("{'state':{'desired':{'on':true}},'clientToken':'t1'}"))).payload());
        assertEquals(1, accepted.get("version").asInt());
        assertEquals("t1", accepted.get("clientToken").asText());

        JsonNode doc = read(sdk.getThingShadow(b -> b.thingName("sdk-lamp")).payload());
        assertEquals(true, doc.at("/state/desired/on").asBoolean());
        assertEquals(true, doc.at("/state/delta/on").asBoolean());

        JsonNode deleted = read(sdk.deleteThingShadow(b -> b.thingName("sdk-lamp")).payload());
        assertEquals(1, deleted.get("version").asInt());
        ResourceNotFoundException missing = assertThrows(ResourceNotFoundException.class,
                () -> sdk.getThingShadow(b -> b.thingName("sdk-lamp")));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.getMessage().contains("No shadow exists with name: 'sdk-lamp'"), missing.getMessage());
    }

    @Test
    void named_shadows_are_separate_and_listed() throws Exception {
        sdk.updateThingShadow(b -> b.thingName("sdk-thing").shadowName("config")
                .payload(json("{'state':{'reported':{'rate':5}}}")));
        sdk.updateThingShadow(b -> b.thingName("sdk-thing").shadowName("alarms")
                .payload(json("{'state':{'reported':{'armed':false}}}")));
        JsonNode config = read(sdk.getThingShadow(b -> b.thingName("sdk-thing").shadowName("config")).payload());
        assertEquals(5, config.at("/state/reported/rate").asInt());
        assertThrows(ResourceNotFoundException.class, () -> sdk.getThingShadow(b -> b.thingName("sdk-thing")));

        ListNamedShadowsForThingResponse listed = sdk.listNamedShadowsForThing(b -> b.thingName("sdk-thing"));
        assertEquals(List.of("alarms", "config"), listed.results());
        assertTrue(listed.timestamp() > 1_000_000_000L && listed.timestamp() < 10_000_000_000L, "epoch seconds");
        ListNamedShadowsForThingResponse page = sdk.listNamedShadowsForThing(b -> b.thingName("sdk-thing").pageSize(1));
        assertEquals(List.of("alarms"), page.results());
        assertEquals(List.of("config"), sdk.listNamedShadowsForThing(b -> b.thingName("sdk-thing").pageSize(1)
                .nextToken(page.nextToken())).results());

        sdk.deleteThingShadow(b -> b.thingName("sdk-thing").shadowName("alarms"));
        assertEquals(List.of("config"), sdk.listNamedShadowsForThing(b -> b.thingName("sdk-thing")).results());
    }

    @Test
    void an_http_update_publishes_accepted_delta_and_documents_to_mqtt_subscribers() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "sdk-device-1")) {
            device.paho.subscribe("$aws/things/sdk-heater/shadow/update/#", 1);
            sdk.updateThingShadow(b -> b.thingName("sdk-heater")
                    .payload(json("{'state':{'desired':{'temp':21}},'clientToken':'app-1'}")));
            List<PahoClients.Received> got = device.take(3);
            List<String> topics = got.stream().map(PahoClients.Received::topic).toList();
            assertEquals(List.of("$aws/things/sdk-heater/shadow/update/accepted",
                    "$aws/things/sdk-heater/shadow/update/delta",
                    "$aws/things/sdk-heater/shadow/update/documents"), topics);
            JsonNode delta = JSON.readTree(got.get(1).message().getPayload());
            assertEquals(21, delta.at("/state/temp").asInt());
            assertEquals("app-1", delta.get("clientToken").asText());
            JsonNode documents = JSON.readTree(got.get(2).message().getPayload());
            assertEquals(21, documents.at("/current/state/desired/temp").asInt());
            assertFalse(documents.has("previous"));
        }
    }

    @Test
    void a_version_conflict_is_a_409_over_http_and_over_mqtt() throws Exception {
        sdk.updateThingShadow(b -> b.thingName("sdk-valve").payload(json("{'state':{'reported':{'open':false}}}")));
        ConflictException conflict = assertThrows(ConflictException.class, () -> sdk.updateThingShadow(b -> b
                .thingName("sdk-valve").payload(json("{'state':{'reported':{'open':true}},'version':7}"))));
        assertEquals(409, conflict.statusCode());
        assertTrue(conflict.getMessage().contains("Version conflict"), conflict.getMessage());

        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "sdk-device-2")) {
            device.paho.subscribe("$aws/things/sdk-valve/shadow/update/rejected", 1);
            device.paho.publish("$aws/things/sdk-valve/shadow/update",
                    "{\"state\":{\"reported\":{\"open\":true}},\"version\":7,\"clientToken\":\"m\"}"
                            .getBytes(StandardCharsets.UTF_8), 1, false);
            JsonNode rejected = JSON.readTree(device.next().message().getPayload());
            assertEquals(409, rejected.get("code").asInt());
            assertEquals("Version conflict", rejected.get("message").asText());
            assertEquals("m", rejected.get("clientToken").asText());
        }
    }

    @Test
    void a_request_with_a_bad_signature_is_a_403_that_says_why() {
        try (IotDataPlaneClient wrongSecret = client("not-the-secret")) {
            IotDataPlaneException e = assertThrows(IotDataPlaneException.class,
                    () -> wrongSecret.publish(b -> b.topic("demo/x").payload(json("{}"))));
            assertEquals(403, e.statusCode());
            assertTrue(e.getMessage().contains("signature we calculated does not match"), e.getMessage());
        }
    }

    @Test
    void an_unsigned_request_is_a_403_that_names_the_missing_header() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(iot.endpoints().httpUri() + "/things/x/shadow")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, response.statusCode());
        assertEquals("ForbiddenException:", response.headers().firstValue("x-amzn-ErrorType").orElse(""));
        assertTrue(response.body().contains("no Authorization header"), response.body());
    }
}
