package dev.iotemulator.internal.session;

import dev.iotemulator.MessageProperties;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * A message on its way to a session's client.
 *
 * @param retained whether it goes out with RETAIN set (only the stored retained message replayed on subscribe)
 * @param properties its MQTT 5 properties, or null
 * @param expiresAtMillis when its message expiry is up (epoch milliseconds), 0 for never: it is not delivered after
 * @param shared whether it came through a shared subscription (checked against {@code iot:Receive} only: the group
 *     chose this session)
 * @param storeSeq its sequence number in the {@link SessionStore} when a persistent session has written it there; 0
 *     when it lives only in memory
 */
public record Delivery(String topic, byte[] payload, int qos, boolean retained, MessageProperties properties,
        long expiresAtMillis, boolean shared, long storeSeq) {

    Delivery(String topic, byte[] payload, int qos, boolean retained) {
        this(topic, payload, qos, retained, null, 0, false, 0);
    }

    Delivery(String topic, byte[] payload, int qos, boolean retained, MessageProperties properties,
            long expiresAtMillis, boolean shared) {
        this(topic, payload, qos, retained, properties, expiresAtMillis, shared, 0);
    }

    Delivery stored(long seq) {
        return new Delivery(topic, payload, qos, retained, properties, expiresAtMillis, shared, seq);
    }

    boolean isStored() {
        return storeSeq != 0;
    }

    boolean expired(long nowMillis) {
        return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
    }

    /** The MQTT 3.1.1 PUBLISH: topic, QoS, flags and payload, nothing else. */
    public MqttPublishMessage plainPublish(int packetId, boolean dup) {
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(qos), retained, 0),
                new MqttPublishVariableHeader(topic, packetId), Unpooled.wrappedBuffer(payload));
    }
}
