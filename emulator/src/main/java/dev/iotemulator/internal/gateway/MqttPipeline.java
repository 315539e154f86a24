package dev.iotemulator.internal.gateway;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;

/** The MQTT end of a client pipeline, the same for every transport. */
final class MqttPipeline {

    /** The transport name of MQTT over TLS with a client certificate (port 8883, or ALPN on the HTTPS port). */
    static final String MTLS = "mtls";

    private MqttPipeline() {
    }

    /**
     * @param identity who the client is, or null when it is established at CONNECT (plain TCP)
     */
    static void addMqttHandlers(ChannelPipeline pipeline, GatewayContext context, ConnectionIdentity identity,
            String transport) {
        pipeline.addLast("mqtt-decoder", new MqttDecoder(context.settings().maxMqttPacketBytes()));
        pipeline.addLast("mqtt-encoder", MqttEncoder.INSTANCE);
        pipeline.addLast("mqtt-relay", new MqttRelayHandler(context, identity, transport));
    }
}
