package dev.iotemulator.acceptance;

import static dev.iotemulator.acceptance.PolicyFixtures.await;
import static dev.iotemulator.acceptance.PolicyFixtures.connect;
import static dev.iotemulator.acceptance.PolicyFixtures.denialsOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Paho clients over presigned WebSocket URLs meet IoT policies the way they meet them at AWS (MQTT 3.1.1). */
class PolicyEnforcementTest {

    static final String ADMIN = "AKIDADMIN00000000001";
    static final String DEVICE = "AKIDDEVICE0000000001";
    static final String NOTHING = "AKIDNOTHING000000001";

    static final String DEVICE_POLICY = """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Sid": "ConnectAsDevice", "Effect": "Allow", "Action": "iot:Connect",
                 "Resource": "arn:aws:iot:*:*:client/device-*"},
                {"Sid": "PublishOwnAndRoom", "Effect": "Allow", "Action": "iot:Publish",
                 "Resource": ["arn:aws:iot:*:*:topic/clients/${iot:ClientId}/*", "arn:aws:iot:*:*:topic/room/*",
                              "arn:aws:iot:*:*:topic/retained/*"]},
                {"Sid": "RetainOnlyOk", "Effect": "Allow", "Action": "iot:RetainPublish",
                 "Resource": "arn:aws:iot:*:*:topic/retained/ok"},
                {"Sid": "SubscribeOwnRoomNews", "Effect": "Allow", "Action": "iot:Subscribe",
                 "Resource": ["arn:aws:iot:*:*:topicfilter/clients/${iot:ClientId}/*",
                              "arn:aws:iot:*:*:topicfilter/room/*", "arn:aws:iot:*:*:topicfilter/news/#",
                              "arn:aws:iot:*:*:topicfilter/retained/*"]},
                {"Sid": "ReceiveOwnRoomNews", "Effect": "Allow", "Action": "iot:Receive",
                 "Resource": ["arn:aws:iot:*:*:topic/clients/${iot:ClientId}/*", "arn:aws:iot:*:*:topic/room/*",
                              "arn:aws:iot:*:*:topic/news/*", "arn:aws:iot:*:*:topic/retained/*"]},
                {"Sid": "NoSecrets", "Effect": "Deny", "Action": "iot:Receive",
                 "Resource": "arn:aws:iot:*:*:topic/news/secret"},
                {"Sid": "NoAdminRoom", "Effect": "Deny", "Action": "iot:Publish",
                 "Resource": "arn:aws:iot:*:*:topic/room/admin"}
              ]
            }
            """;

    static final String ALLOW_ALL = """
            {"Version": "2012-10-17",
             "Statement": {"Effect": "Allow", "Action": "iot:*", "Resource": "*"}}
            """;

    @TempDir
    static Path configDir;
    static IotEmulator iot;

    @BeforeAll
    static void start() throws Exception {
        PolicyFixtures.writeCredentials(configDir, ADMIN + "=AllowAll", DEVICE + "=DevicePolicy", NOTHING + "=");
        PolicyFixtures.writePolicy(configDir, "AllowAll", ALLOW_ALL);
        PolicyFixtures.writePolicy(configDir, "DevicePolicy", DEVICE_POLICY);
        iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().configDir(configDir).build());
    }

    @AfterAll
    static void stop() {
        iot.close();
    }

    @Test
    void refuses_a_connect_whose_client_id_no_statement_allows_without_sending_a_connack() throws Exception {
        MqttException refused = assertThrows(MqttException.class, () -> connect(iot, DEVICE, "intruder-1"));

        assertTrue(refused.getReasonCode() != MqttException.REASON_CODE_NOT_AUTHORIZED,
                "MQTT 3.1.1 at AWS: no CONNACK at all, so no CONNACK return code; got " + refused);
        JsonNode denial = denialsOf(iot, "intruder-1").get(0);
        assertEquals("iot:Connect", denial.get("action").asText());
        assertTrue(denial.get("resource").asText().endsWith(":client/intruder-1"));
        assertEquals("IMPLICIT_DENY", denial.get("decision").asText());
        assertEquals("connection_closed_without_connack", denial.get("consequence").asText());
    }

    @Test
    void refuses_every_connect_of_a_principal_with_an_empty_policy_list() {
        assertThrows(MqttException.class, () -> connect(iot, NOTHING, "device-empty"));
    }

    @Test
    void refuses_a_connect_whose_will_topic_may_not_be_published() throws Exception {
        assertThrows(MqttException.class, () -> connectWithWill("device-will-1", "elsewhere/will", false));

        assertEquals("iot:Publish", denialsOf(iot, "device-will-1").get(0).get("action").asText());
    }

    @Test
    void refuses_a_retained_will_without_retain_publish_but_accepts_it_unretained() throws Exception {
        assertThrows(MqttException.class, () -> connectWithWill("device-will-2", "clients/device-will-2/gone", true));
        assertEquals("iot:RetainPublish", denialsOf(iot, "device-will-2").get(0).get("action").asText());

        MqttClient accepted = connectWithWill("device-will-2", "clients/device-will-2/gone", false);
        assertTrue(accepted.isConnected());
        accepted.disconnect();
        accepted.close();
    }

    @Test
    void disconnects_a_client_that_publishes_where_no_statement_allows() throws Exception {
        try (PahoClients.Client device = connect(iot, DEVICE, "device-pub-1")) {
            device.paho.publish("clients/device-pub-1/ok", bytes("allowed"), 1, false);
            assertTrue(device.paho.isConnected());

            publishExpectingDisconnect(device, "clients/someone-else/status", false);

            JsonNode denial = denialsOf(iot, "device-pub-1").get(0);
            assertEquals("iot:Publish", denial.get("action").asText());
            assertEquals("disconnected", denial.get("consequence").asText());
        }
    }

    @Test
    void disconnects_a_client_whose_publish_is_explicitly_denied_and_names_the_statement() throws Exception {
        try (PahoClients.Client device = connect(iot, DEVICE, "device-pub-2")) {
            publishExpectingDisconnect(device, "room/admin", false);

            JsonNode denial = denialsOf(iot, "device-pub-2").get(0);
            assertEquals("EXPLICIT_DENY", denial.get("decision").asText());
            assertEquals("NoAdminRoom", denial.get("statement").get("sid").asText());
        }
    }

    @Test
    void disconnects_a_client_that_subscribes_with_plus_where_the_policy_names_its_own_client_id() throws Exception {
        try (PahoClients.Client device = connect(iot, DEVICE, "device-sub-1")) {
            device.paho.subscribe("clients/device-sub-1/inbox", 1);
            assertTrue(device.paho.isConnected());

            assertThrows(MqttException.class, () -> device.paho.subscribe("clients/+/inbox", 1));

            await("the subscriber is disconnected", () -> !device.paho.isConnected());
            JsonNode denial = denialsOf(iot, "device-sub-1").get(0);
            assertEquals("iot:Subscribe", denial.get("action").asText());
            assertTrue(denial.get("resource").asText().endsWith(":topicfilter/clients/+/inbox"));
        }
    }

    @Test
    void skips_deliveries_that_receive_denies_silently_and_acknowledges_them_so_qos1_is_not_resent() throws Exception {
        try (PahoClients.Client admin = connect(iot, ADMIN, "admin-news");
                PahoClients.Client device = connect(iot, DEVICE, "device-news")) {
            admin.paho.subscribe("news/#", 1);
            device.paho.subscribe("news/#", 1);

            int secrets = 12; // more than Moquette's in-flight window of 10: without the gateway's PUBACK it stalls
            for (int i = 0; i < secrets; i++) {
                admin.paho.publish("news/secret", bytes("secret " + i), 1, false);
            }
            admin.paho.publish("news/public", bytes("public"), 1, false);

            assertEquals(secrets + 1, admin.take(secrets + 1).size(), "the allowed subscriber gets everything");
            PahoClients.Received received = device.next();
            assertEquals("news/public", received.topic());
            assertTrue(device.inbox.isEmpty());
            assertTrue(device.paho.isConnected(), "a denied receive does not disconnect");
            List<JsonNode> denials = denialsOf(iot, "device-news");
            assertEquals(secrets, denials.size(), "one denial per skipped delivery, none resent: " + denials);
            assertEquals("not_delivered", denials.get(0).get("consequence").asText());
            assertEquals("NoSecrets", denials.get(0).get("statement").get("sid").asText());
        }
    }

    @Test
    void a_retained_publish_needs_retain_publish_as_well_as_publish() throws Exception {
        try (PahoClients.Client device = connect(iot, DEVICE, "device-retain")) {
            device.paho.publish("retained/ok", bytes("kept"), 1, true);
            device.paho.publish("retained/other", bytes("not retained is fine"), 1, false);
            assertTrue(device.paho.isConnected());

            try (PahoClients.Client later = connect(iot, DEVICE, "device-retain-reader")) {
                later.paho.subscribe("retained/ok", 1);
                PahoClients.Received retained = later.next();
                assertEquals("kept", new String(retained.message().getPayload(), StandardCharsets.UTF_8));
            }

            publishExpectingDisconnect(device, "retained/other", true);
            assertEquals("iot:RetainPublish", denialsOf(iot, "device-retain").get(0).get("action").asText());
        }
    }

    private static void publishExpectingDisconnect(PahoClients.Client client, String topic, boolean retain) {
        try {
            client.paho.publish(topic, bytes("denied"), 1, retain);
        } catch (MqttException expected) {
            // Paho reports the closed connection on the publish itself or through connectionLost.
        }
        await("the publisher is disconnected", () -> !client.paho.isConnected());
        assertFalse(client.paho.isConnected());
    }

    private static MqttClient connectWithWill(String clientId, String willTopic, boolean retained) throws Exception {
        MqttClient paho = new MqttClient(iot.endpoints().presignedWebSocketUri(PolicyFixtures.credentials(DEVICE))
                .toString(), clientId, new MemoryPersistence());
        MqttConnectOptions options = PahoClients.options();
        options.setWill(willTopic, bytes("gone"), 1, retained);
        try {
            paho.connect(options);
        } catch (MqttException e) {
            paho.close(true);
            throw e;
        }
        return paho;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
