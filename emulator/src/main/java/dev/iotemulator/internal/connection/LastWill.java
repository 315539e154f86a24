package dev.iotemulator.internal.connection;

import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt5.MessageExpiry;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.Source;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;

/**
 * A connection's Last Will, kept by the gateway rather than the broker: AWS IoT publishes it for every disconnect
 * reason except a client-initiated one (including a takeover, where Moquette would not). An MQTT 5 Will has message
 * properties, whose expiry clock starts at the disconnect, and may ask for a delay.
 *
 * @param properties the Will's MQTT 5 message properties, or null
 * @param delaySeconds the MQTT 5 Will Delay Interval; 0 for none
 */
record LastWill(String topic, byte[] payload, int qos, boolean retain, MessageProperties properties,
        long delaySeconds) {

    static LastWill of(MqttConnectMessage connect) {
        if (!connect.variableHeader().isWillFlag()) {
            return null;
        }
        byte[] payload = connect.payload().willMessageInBytes();
        MessageProperties properties = null;
        long delay = 0;
        if (connect.variableHeader().version() == MqttVersion.MQTT_5.protocolLevel()) {
            MqttProperties willProperties = connect.payload().willProperties();
            properties = Mqtt5Properties.read(willProperties);
            Integer willDelay = Mqtt5Properties.integer(willProperties, MqttPropertyType.WILL_DELAY_INTERVAL.value());
            delay = willDelay == null ? 0 : Integer.toUnsignedLong(willDelay);
        }
        return new LastWill(connect.payload().willTopic(), payload == null ? new byte[0] : payload,
                connect.variableHeader().willQos(), connect.variableHeader().isWillRetain(), properties, delay);
    }

    /** The message to publish, its expiry counted from {@code disconnectedAtMillis}. */
    Publish toPublish(String principal, String clientId, long disconnectedAtMillis) {
        long expiresAt = properties == null || properties.messageExpiryInterval() == null ? 0
                : MessageExpiry.deadline(disconnectedAtMillis, properties.messageExpiryInterval());
        return new Publish(topic, payload, qos, retain, Source.MQTT, principal, clientId, properties, expiresAt);
    }
}
