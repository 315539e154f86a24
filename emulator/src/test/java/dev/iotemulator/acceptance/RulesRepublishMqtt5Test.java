package dev.iotemulator.acceptance;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PayloadFormatIndicator;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.junit5.IotEmulatorTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The republish action's MQTT 5 headers reach an MQTT 5 subscriber (the HiveMQ client) as properties, rendered from
 * the triggering message: the request/response pattern AWS documents for rules (response topic, correlation data).
 */
@IotEmulatorTest
class RulesRepublishMqtt5Test {

    @Test
    void republish_headers_arrive_as_mqtt5_properties_rendered_from_the_message(IotEmulator iot) throws Exception {
        iot.createTopicRule("answer", "{\"sql\": \"SELECT state FROM 'requests/+'\", \"awsIotSqlVersion\": "
                + "\"2016-03-23\", \"actions\": [{\"republish\": {\"topic\": \"replies/${topic(2)}\", \"qos\": 1, "
                + "\"roleArn\": \"arn:aws:iam::000000000000:role/r\", \"headers\": {\"payloadFormatIndicator\": "
                + "\"UTF8_DATA\", \"contentType\": \"application/json\", \"responseTopic\": \"acks/${topic(2)}\", "
                + "\"correlationData\": \"${encode(id, 'base64')}\", \"messageExpiry\": \"300\", \"userProperties\": "
                + "[{\"key\": \"device\", \"value\": \"${topic(2)}\"}]}}}]}");
        Mqtt5BlockingClient app = HiveMqClients.tcp(iot.endpoints(), "app-5").buildBlocking();
        Mqtt5BlockingClient device = HiveMqClients.tcp(iot.endpoints(), "device-5").buildBlocking();
        app.connect();
        device.connect();
        try (Mqtt5BlockingClient.Mqtt5Publishes inbox = app.publishes(MqttGlobalPublishFilter.ALL)) {
            app.subscribeWith().topicFilter("replies/#").qos(MqttQos.AT_LEAST_ONCE).send();
            device.publishWith().topic("requests/d1").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("{\"id\": \"req-7\", \"state\": \"on\"}".getBytes(UTF_8)).send();
            Mqtt5Publish got = inbox.receive(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals("replies/d1", got.getTopic().toString());
            assertEquals("{\"state\":\"on\"}", new String(got.getPayloadAsBytes(), UTF_8));
            assertEquals(Mqtt5PayloadFormatIndicator.UTF_8, got.getPayloadFormatIndicator().orElseThrow());
            assertEquals("application/json", got.getContentType().orElseThrow().toString());
            assertEquals("acks/d1", got.getResponseTopic().orElseThrow().toString());
            assertEquals("req-7", UTF_8.decode(got.getCorrelationData().orElseThrow()).toString());
            long expiry = got.getMessageExpiryInterval().orElseThrow();
            assertTrue(expiry > 290 && expiry <= 300, "time left: " + expiry);
            assertEquals("device=d1", String.join(",", got.getUserProperties().asList().stream()
                    .map(p -> p.getName() + "=" + p.getValue()).toList()));
        } finally {
            device.disconnect();
            app.disconnect();
        }
    }
}
