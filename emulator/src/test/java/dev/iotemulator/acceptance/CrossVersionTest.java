package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotemulator.Credentials;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iotdataplane.IotDataPlaneClient;

/**
 * MQTT 3.1.1 and 5 side by side, as AWS IoT Core does it (developer guide, "MQTT"): an MQTT 5 message reaches a 3.1.1
 * subscriber as a plain message, a 3.1.1 message reaches an MQTT 5 subscriber with no properties, an HTTP publish's
 * MQTT 5 properties reach MQTT 5 subscribers, and a session is never resumed across versions. Paho 1.2.5 speaks
 * 3.1.1, the HiveMQ client MQTT 5, the AWS SDK for Java v2 the HTTP data plane.
 */
@IotEmulatorTest
class CrossVersionTest {

    static IotEmulator iot;
    static String tcp;

    @BeforeAll
    static void start(IotEmulator emulator) {
        iot = emulator;
        tcp = iot.endpoints().mqttUri().orElseThrow().toString();
    }

    static Mqtt5BlockingClient mqtt5(String clientId) {
        return HiveMqClients.tcp(iot.endpoints(), clientId).buildBlocking();
    }

    @Test
    void an_mqtt5_message_reaches_an_mqtt311_subscriber_as_a_plain_message() throws Exception {
        Mqtt5BlockingClient publisher = mqtt5("x-pub-5");
        publisher.connect();
        try (PahoClients.Client subscriber = PahoClients.connect(tcp, "x-sub-311")) {
            subscriber.paho.subscribe("cross/5to3", 1);
            publisher.publishWith().topic("cross/5to3").qos(MqttQos.AT_LEAST_ONCE).payload("five".getBytes(UTF_8))
                    .userProperties().add("k", "v").applyUserProperties().responseTopic("cross/reply")
                    .messageExpiryInterval(60).send();
            PahoClients.Received got = subscriber.next();
            assertEquals("cross/5to3", got.topic());
            assertEquals("five", new String(got.message().getPayload(), UTF_8));
            assertEquals(1, got.message().getQos());
        } finally {
            publisher.disconnect();
        }
    }

    @Test
    void an_mqtt311_message_reaches_an_mqtt5_subscriber_without_properties() throws Exception {
        Mqtt5BlockingClient subscriber = mqtt5("x-sub-5");
        subscriber.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = subscriber.publishes(MqttGlobalPublishFilter.ALL);
                PahoClients.Client publisher = PahoClients.connect(tcp, "x-pub-311")) {
            subscriber.subscribeWith().topicFilter("cross/3to5").qos(MqttQos.AT_LEAST_ONCE).send();
            publisher.paho.publish("cross/3to5", "three".getBytes(UTF_8), 1, false);
            Mqtt5Publish got = inbox.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals("three", new String(got.getPayloadAsBytes(), UTF_8));
            assertTrue(got.getUserProperties().asList().isEmpty());
            assertFalse(got.getResponseTopic().isPresent());
            assertFalse(got.getMessageExpiryInterval().isPresent());
            assertFalse(got.getContentType().isPresent());
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void an_http_publish_carries_its_mqtt5_properties_to_mqtt5_subscribers() throws Exception {
        Mqtt5BlockingClient subscriber = mqtt5("x-http-sub");
        subscriber.connect();
        Credentials key = iot.endpoints().defaultCredentials();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = subscriber.publishes(MqttGlobalPublishFilter.ALL);
                IotDataPlaneClient http = DataPlaneClients.plainHttp(iot.endpoints(), key.accessKeyId(),
                        key.secretAccessKey())) {
            subscriber.subscribeWith().topicFilter("cross/http").qos(MqttQos.AT_LEAST_ONCE).send();
            http.publish(b -> b.topic("cross/http").qos(1).payload(SdkBytes.fromUtf8String("{\"t\":1}"))
                    .contentType("application/json").responseTopic("cross/http/reply").messageExpiry(300L)
                    .payloadFormatIndicator("UTF8_DATA")
                    .correlationData(Base64.getEncoder().encodeToString("req-7".getBytes(UTF_8)))
                    .userProperties("[{\"tenant\":\"t1\"},{\"trace\":\"abc\"}]"));
            Mqtt5Publish got = inbox.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals("{\"t\":1}", new String(got.getPayloadAsBytes(), UTF_8));
            assertEquals("application/json", got.getContentType().orElseThrow().toString());
            assertEquals("cross/http/reply", got.getResponseTopic().orElseThrow().toString());
            assertEquals("req-7", UTF_8.decode(got.getCorrelationData().orElseThrow()).toString());
            assertEquals(Mqtt5PayloadFormatIndicator.UTF_8, got.getPayloadFormatIndicator().orElseThrow());
            long expiry = got.getMessageExpiryInterval().orElseThrow();
            assertTrue(expiry > 290 && expiry <= 300, "time left, rewritten on delivery: " + expiry);
            assertEquals("tenant=t1,trace=abc", String.join(",", got.getUserProperties().asList().stream()
                    .map(p -> p.getName() + "=" + p.getValue()).toList()));
        } finally {
            subscriber.disconnect();
        }
    }

    @Test
    void a_persistent_311_session_is_not_resumed_by_an_mqtt5_connection_nor_the_other_way_round() throws Exception {
        MqttConnectOptions persistent = PahoClients.options();
        persistent.setCleanSession(false);
        try (PahoClients.Client first = PahoClients.connect(tcp, "x-session", persistent)) {
            first.paho.subscribe("cross/session", 1);
        }
        Mqtt5BlockingClient five = mqtt5("x-session");
        assertFalse(five.connectWith().cleanStart(false).sessionExpiryInterval(600).send().isSessionPresent(),
                "an MQTT 5 connection does not resume a 3.1.1 session");
        five.disconnect();
        assertTrue(five.connectWith().cleanStart(false).sessionExpiryInterval(600).send().isSessionPresent(),
                "its own MQTT 5 session it does resume");
        five.disconnect();
        MqttClient again = new MqttClient(tcp, "x-session", new MemoryPersistence());
        try {
            assertFalse(again.connectWithResult(persistent).getSessionPresent(),
                    "a 3.1.1 connection does not resume an MQTT 5 session");
            again.disconnect();
        } finally {
            again.close();
        }
    }
}
