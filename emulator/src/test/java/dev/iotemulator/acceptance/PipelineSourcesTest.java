package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.ReceivedMessage;
import dev.iotemulator.RemoteEmulator;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * Every message goes through one pipeline, whatever its source: an HTTP data-plane publish (the AWS SDK), the admin
 * API's publish and a Device Shadow response are each seen by {@code awaitMessage}, delivered to an MQTT subscriber
 * and listed by {@code GET /__emulator/journal} with their source.
 */
class PipelineSourcesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static IotEmulator iot;
    private static IotDataPlaneClient sdk;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().withoutTls().build());
        sdk = DataPlaneClients.plainHttp(iot.endpoints(), iot.endpoints().defaultCredentials().accessKeyId(),
                iot.endpoints().defaultCredentials().secretAccessKey());
    }

    @AfterAll
    static void stop() {
        sdk.close();
        iot.close();
    }

    @BeforeEach
    void reset() {
        iot.reset();
    }

    @Test
    void an_http_data_plane_publish_is_awaited_delivered_and_journaled_with_source_http() throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "http-listener")) {
            device.paho.subscribe("devices/d1/commands", 1);
            sdk.publish(r -> r.topic("devices/d1/commands").qos(1).payload(SdkBytes.fromUtf8String("{\"go\":1}")));

            ReceivedMessage awaited = iot.awaitMessage("devices/d1/commands", Duration.ofSeconds(10));
            assertEquals("http", awaited.source());
            assertEquals(iot.endpoints().defaultCredentials().accessKeyId(), awaited.principal());
            assertNull(awaited.clientId(), "no MQTT client published it");
            assertEquals("{\"go\":1}", new String(device.next().message().getPayload(), StandardCharsets.UTF_8));
            assertEquals("http", journaledSource("devices/d1/commands"));
        }
    }

    @Test
    void an_admin_publish_over_the_remote_client_is_awaited_delivered_and_journaled_with_source_admin()
            throws Exception {
        RemoteEmulator remote = RemoteEmulator.connect(iot.endpoints().httpUri());
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "admin-listener")) {
            device.paho.subscribe("fleet/update", 1);
            remote.publish("fleet/update", "v2".getBytes(StandardCharsets.UTF_8), 1, false);

            ReceivedMessage awaited = remote.awaitMessage("fleet/update", Duration.ofSeconds(10));
            assertEquals("admin", awaited.source());
            assertNull(awaited.principal(), "the emulator itself published it");
            assertEquals("v2", new String(device.next().message().getPayload(), StandardCharsets.UTF_8));
            assertEquals("admin", journaledSource("fleet/update"));
        }
    }

    @Test
    void a_shadow_response_is_awaited_and_journaled_with_source_service_like_the_request_it_answers()
            throws Exception {
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "lamp")) {
            device.paho.subscribe("$aws/things/lamp/shadow/update/accepted", 1);
            device.paho.publish("$aws/things/lamp/shadow/update",
                    "{\"state\":{\"reported\":{\"on\":true}}}".getBytes(StandardCharsets.UTF_8), 1, false);

            ReceivedMessage accepted = iot.awaitMessage("$aws/things/lamp/shadow/update/accepted",
                    Duration.ofSeconds(10));
            assertEquals("service", accepted.source());
            assertTrue(accepted.payloadAsString().contains("\"on\":true"), accepted.payloadAsString());
            assertEquals("$aws/things/lamp/shadow/update/accepted", device.next().topic());
            assertEquals("service", journaledSource("$aws/things/lamp/shadow/update/accepted"));
            assertEquals("mqtt", journaledSource("$aws/things/lamp/shadow/update"));
        }
    }

    @Test
    void an_http_shadow_update_answers_over_mqtt_through_the_same_pipeline() throws Exception {
        sdk.updateThingShadow(r -> r.thingName("heater")
                .payload(SdkBytes.fromUtf8String("{\"state\":{\"desired\":{\"celsius\":21}}}")));
        ReceivedMessage delta = iot.awaitMessage("$aws/things/heater/shadow/update/delta", Duration.ofSeconds(10));
        assertEquals("service", delta.source());
        assertEquals("service", journaledSource("$aws/things/heater/shadow/update/delta"));
    }

    /** The {@code source} of the latest journal entry on exactly {@code topic}, from the admin API. */
    private static String journaledSource(String topic) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                iot.endpoints().httpUri().resolve("/__emulator/journal?topic=" + java.net.URLEncoder.encode(topic,
                        StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        JsonNode entries = JSON.readTree(response.body()).get("entries");
        for (int i = entries.size() - 1; i >= 0; i--) {
            JsonNode e = entries.get(i);
            if ("PUBLISH".equals(e.get("kind").asText()) && topic.equals(e.get("topic").asText())) {
                return e.get("source").asText();
            }
        }
        throw new AssertionError("no PUBLISH on " + topic + " in the journal: " + response.body());
    }
}
