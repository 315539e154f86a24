package dev.iotemulator.internal.connection;

import io.netty.handler.codec.mqtt.MqttConnectMessage;

/**
 * A connection's Last Will, kept by the gateway rather than the broker: AWS IoT publishes it for every disconnect
 * reason except a client-initiated one (including a takeover, where Moquette would not).
 */
record LastWill(String topic, byte[] payload, int qos, boolean retain) {

    static LastWill of(MqttConnectMessage connect) {
        if (!connect.variableHeader().isWillFlag()) {
            return null;
        }
        byte[] payload = connect.payload().willMessageInBytes();
        return new LastWill(connect.payload().willTopic(), payload == null ? new byte[0] : payload,
                connect.variableHeader().willQos(), connect.variableHeader().isWillRetain());
    }
}
