package dev.iotemulator.internal.gateway;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Completes the broker's side of a delivery that {@code iot:Receive} denied, so the broker does not resend it every
 * few seconds (and does not fill its in-flight window of 10) for a message the client will never see.
 */
final class PolicyAcks {

    private PolicyAcks() {
    }

    static void acknowledgeUndelivered(Channel upstream, MqttPublishMessage publish) {
        MqttQoS qos = publish.fixedHeader().qosLevel();
        if (qos == MqttQoS.AT_MOST_ONCE || upstream == null) {
            return;
        }
        MqttMessageType ack = qos == MqttQoS.AT_LEAST_ONCE ? MqttMessageType.PUBACK : MqttMessageType.PUBREC;
        upstream.writeAndFlush(new MqttMessage(new MqttFixedHeader(ack, false, MqttQoS.AT_MOST_ONCE, false, 2),
                MqttMessageIdVariableHeader.from(publish.variableHeader().packetId())));
    }
}
