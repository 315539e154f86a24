package dev.iotemulator.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Device Shadow MQTT interface, with real Paho clients, as the AWS IoT Developer Guide describes it. */
class ShadowMqttTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static IotEmulator iot;

    @BeforeAll
    static void start() {
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    static void publish(PahoClients.Client client, String topic, String json) throws Exception {
        client.paho.publish(topic, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8), 1, false);
    }

    static JsonNode payload(PahoClients.Received received) throws Exception {
        return JSON.readTree(received.message().getPayload());
    }

    @Test
    void update_get_and_delete_of_a_classic_shadow_answer_on_their_accepted_topics() throws Exception {
        String prefix = "$aws/things/mqtt-lamp/shadow";
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "mqtt-lamp")) {
            device.paho.subscribe(new String[] {prefix + "/update/accepted", prefix + "/get/accepted",
                    prefix + "/delete/accepted"}, new int[] {1, 1, 1});
            publish(device, prefix + "/update", "{'state':{'reported':{'on':false}},'clientToken':'c1'}");
            PahoClients.Received accepted = device.next();
            assertEquals(prefix + "/update/accepted", accepted.topic());
            assertEquals(1, payload(accepted).get("version").asInt());
            assertEquals("c1", payload(accepted).get("clientToken").asText());

            publish(device, prefix + "/get", "{'clientToken':'g1'}");
            JsonNode doc = payload(device.next());
            assertEquals(false, doc.at("/state/reported/on").asBoolean(true));
            assertEquals("g1", doc.get("clientToken").asText());

            publish(device, prefix + "/delete", "");
            PahoClients.Received deleted = device.next();
            assertEquals(prefix + "/delete/accepted", deleted.topic());
            assertEquals(1, payload(deleted).get("version").asInt());
        }
    }

    @Test
    void a_desired_change_publishes_a_delta_and_a_reported_update_does_not() throws Exception {
        String prefix = "$aws/things/mqtt-fan/shadow/name/speed";
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "mqtt-fan");
                PahoClients.Client app = PahoClients.overWebSocket(iot.endpoints(), "mqtt-fan-app")) {
            device.paho.subscribe(prefix + "/update/delta", 1);
            app.paho.subscribe(prefix + "/update/documents", 1);
            publish(app, prefix + "/update", "{'state':{'desired':{'rpm':900}}}");
            JsonNode delta = payload(device.next());
            assertEquals(900, delta.at("/state/rpm").asInt());
            assertEquals(1, delta.get("version").asInt());
            assertTrue(app.next().topic().endsWith("/update/documents"));

            publish(device, prefix + "/update", "{'state':{'reported':{'rpm':900}}}");
            JsonNode documents = payload(app.next());
            assertEquals(900, documents.at("/current/state/reported/rpm").asInt());
            assertEquals(1, documents.at("/previous/version").asInt());
            assertEquals(2, documents.at("/current/version").asInt());
            assertEquals(null, device.inbox.poll(300, TimeUnit.MILLISECONDS), "no delta after a reported update");
        }
    }

    @Test
    void rejections_carry_the_aws_error_document_and_reach_every_subscriber() throws Exception {
        String prefix = "$aws/things/mqtt-door/shadow";
        try (PahoClients.Client device = PahoClients.overWebSocket(iot.endpoints(), "mqtt-door");
                PahoClients.Client watcher = PahoClients.overWebSocket(iot.endpoints(), "mqtt-door-watcher")) {
            device.paho.subscribe(prefix + "/+/rejected", 1);
            watcher.paho.subscribe(prefix + "/get/rejected", 1);
            publish(device, prefix + "/get", "{'clientToken':'x'}");
            for (PahoClients.Client c : List.of(device, watcher)) {
                JsonNode error = payload(c.next());
                assertEquals(404, error.get("code").asInt());
                assertEquals("No shadow exists with name: 'mqtt-door'", error.get("message").asText());
                assertEquals("x", error.get("clientToken").asText());
            }
            publish(device, prefix + "/update", "{'state':{'desired':7}}");
            PahoClients.Received r = device.next();
            assertEquals(prefix + "/update/rejected", r.topic());
            assertEquals("Desired node must be an object", payload(r).get("message").asText());
            assertFalse(payload(r).has("clientToken"));
        }
    }
}
