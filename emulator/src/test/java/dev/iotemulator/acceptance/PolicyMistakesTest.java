package dev.iotemulator.acceptance;

import static dev.iotemulator.acceptance.PolicyFixtures.await;
import static dev.iotemulator.acceptance.PolicyFixtures.connect;
import static dev.iotemulator.acceptance.PolicyFixtures.denialsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three classic policy mistakes of docs/policies.md, with real clients, and what the emulator records. */
class PolicyMistakesTest {

    static final String KEY = "AKIDMISTAKES00000001";
    static final String MISTAKES = """
            {"Version": "2012-10-17",
             "Statement": [
               {"Effect": "Allow", "Action": "iot:Connect", "Resource": "*"},
               {"Effect": "Allow", "Action": "iot:Subscribe", "Resource": "arn:aws:iot:*:*:topic/room/*"},
               {"Effect": "Allow", "Action": "iot:Subscribe", "Resource": "arn:aws:iot:*:*:topicfilter/sensors/+"},
               {"Effect": "Allow", "Action": ["iot:Publish", "iot:Subscribe"],
                "Resource": ["arn:aws:iot:*:*:topic/alerts/*", "arn:aws:iot:*:*:topicfilter/alerts/*"]}
             ]}
            """;

    @TempDir
    static Path configDir;
    static IotEmulator iot;

    @BeforeAll
    static void start() throws Exception {
        PolicyFixtures.writeCredentials(configDir, KEY + "=Mistakes");
        PolicyFixtures.writePolicy(configDir, "Mistakes", MISTAKES);
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().configDir(configDir).build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void subscribe_allowed_on_topic_instead_of_topicfilter_disconnects() throws Exception {
        assertSubscribeDisconnects("mistake-1", "room/1");
    }

    @Test
    void plus_in_a_policy_is_literal_so_a_concrete_topic_is_denied_but_the_literal_filter_is_allowed() throws Exception {
        try (PahoClients.Client literal = connect(iot, KEY, "mistake-2-literal")) {
            literal.paho.subscribe("sensors/+", 1);
            assertTrue(literal.paho.isConnected());
        }
        assertSubscribeDisconnects("mistake-2", "sensors/1");
    }

    @Test
    void forgotten_receive_subscribes_fine_but_delivers_nothing_and_stays_connected() throws Exception {
        try (PahoClients.Client client = connect(iot, KEY, "mistake-3")) {
            client.paho.subscribe("alerts/1", 1);
            client.paho.publish("alerts/1", "fire".getBytes(StandardCharsets.UTF_8), 1, false);

            await("the delivery is denied", () -> !denialsOrEmpty("mistake-3").isEmpty());
            JsonNode denial = denialsOrEmpty("mistake-3").get(0);
            assertEquals("iot:Receive", denial.get("action").asText());
            assertEquals("not_delivered", denial.get("consequence").asText());
            assertTrue(client.inbox.isEmpty());
            assertTrue(client.paho.isConnected());
        }
    }

    private static void assertSubscribeDisconnects(String clientId, String filter) throws Exception {
        try (PahoClients.Client client = connect(iot, KEY, clientId)) {
            assertThrows(MqttException.class, () -> client.paho.subscribe(filter, 1));
            await("the client is disconnected", () -> !client.paho.isConnected());
            JsonNode denial = denialsOf(iot, clientId).get(0);
            assertEquals("iot:Subscribe", denial.get("action").asText());
            assertTrue(denial.get("resource").asText().endsWith(":topicfilter/" + filter));
            assertEquals("IMPLICIT_DENY", denial.get("decision").asText());
        }
    }

    private static List<JsonNode> denialsOrEmpty(String clientId) {
        try {
            return denialsOf(iot, clientId);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
