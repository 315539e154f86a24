package dev.iotemulator.internal.session;

import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;

/** The SUBACK and UNSUBACK a session answers with, in the client's MQTT version. */
final class Acks {

    private Acks() {
    }

    /** One reason code per filter, in order (MQTT 3.1.1: the granted QoS or 0x80). */
    static MqttMessage subAck(int packetId, int[] codes) {
        return new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubAckPayload(codes));
    }

    /** MQTT 5 lists a reason code per filter (0x00, or 0x11 when there was no such subscription); 3.1.1 has none. */
    static MqttMessage unsubAck(int packetId, int[] codes, boolean mqtt5) {
        MqttFixedHeader header = new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0);
        if (!mqtt5) {
            return new MqttMessage(header, MqttMessageIdVariableHeader.from(packetId));
        }
        short[] reasons = new short[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reasons[i] = (short) codes[i];
        }
        return new MqttUnsubAckMessage(header,
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES),
                new MqttUnsubAckPayload(reasons));
    }
}
