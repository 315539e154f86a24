package dev.iotemulator.internal.connection;

import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt5.InboundTopicAliases;
import dev.iotemulator.internal.mqtt5.MessageExpiry;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.Source;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

/**
 * An MQTT 5 PUBLISH as the pipeline's message: QoS 2 refused (DISCONNECT 0x9B, as AWS's Maximum QoS is 1), the topic
 * alias resolved (0x94 or 0x82 when it cannot be), the properties read with the message expiry adjusted the AWS way
 * and its deadline counted from now, a response topic with wildcards refused (0x82).
 */
final class Mqtt5Publish {

    private static final int TOPIC_ALIAS = MqttPropertyType.TOPIC_ALIAS.value();

    private Mqtt5Publish() {
    }

    /** The message of an MQTT 5 PUBLISH, or null when it broke a rule and the connection is closing. */
    static Publish read(MqttConnection conn, MqttPublishMessage message) {
        int qosLevel = message.fixedHeader().qosLevel().value();
        if (qosLevel > 1) {
            conn.clientError("PUBLISH to '" + message.variableHeader().topicName() + "' with QoS 2; AWS IoT supports "
                    + "QoS 0 and 1 only (Maximum QoS 1 in the CONNACK)", ReasonCode.QOS_NOT_SUPPORTED);
            return null;
        }
        MqttProperties props = message.variableHeader().properties();
        Integer alias = Mqtt5Properties.integer(props, TOPIC_ALIAS);
        InboundTopicAliases.Resolved topic = conn.v5.inboundAliases.resolve(message.variableHeader().topicName(),
                alias == null ? 0 : alias);
        if (topic.error() != null) {
            conn.clientError(topic.problem(), topic.error());
            return null;
        }
        MessageProperties properties = Mqtt5Properties.read(props);
        if (properties != null && properties.responseTopic() != null
                && (properties.responseTopic().contains("+") || properties.responseTopic().contains("#"))) {
            conn.clientError("PUBLISH with Response Topic '" + properties.responseTopic() + "', which contains a "
                    + "wildcard; a response topic is a topic name", ReasonCode.PROTOCOL_ERROR);
            return null;
        }
        long expiresAt = properties == null || properties.messageExpiryInterval() == null ? 0
                : MessageExpiry.deadline(System.currentTimeMillis(), properties.messageExpiryInterval());
        return new Publish(topic.topic(), ByteBufUtil.getBytes(message.payload()), qosLevel,
                message.fixedHeader().isRetain(), Source.MQTT, conn.identity.principal(), conn.clientId, properties,
                expiresAt);
    }
}
