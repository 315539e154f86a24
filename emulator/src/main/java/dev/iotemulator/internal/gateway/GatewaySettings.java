package dev.iotemulator.internal.gateway;

import dev.iotemulator.MqttLimits;
import java.time.Duration;

/**
 * The gateway's listeners and limits.
 *
 * @param httpPort HTTP + WebSocket port; 0 picks a free one
 * @param mqttPort plain MQTT/TCP port; 0 picks a free one, -1 turns the listener off
 * @param httpsPort HTTPS + WSS (+ ALPN MQTT) port; 0 picks a free one, -1 turns the listener off
 * @param mqttsPort MQTT over TLS with client certificates; 0 picks a free one, -1 turns the listener off
 */
public record GatewaySettings(String bindAddress, int httpPort, int mqttPort, String region, String accountId,
        Duration allowedClockSkew, MqttLimits limits, int httpsPort, int mqttsPort) {

    /** Settings without TLS listeners. */
    public GatewaySettings(String bindAddress, int httpPort, int mqttPort, String region, String accountId,
            Duration allowedClockSkew, MqttLimits limits) {
        this(bindAddress, httpPort, mqttPort, region, accountId, allowedClockSkew, limits, -1, -1);
    }

    public int maxPayloadBytes() {
        return limits.maxPayloadBytes();
    }

    public int maxMqttPacketBytes() {
        return maxMqttPacketBytes(limits);
    }

    /** The payload plus room for the fixed header, the topic name and the packet id. */
    public static int maxMqttPacketBytes(MqttLimits limits) {
        return limits.maxPayloadBytes() + limits.maxTopicBytes() + 1024;
    }

    public int maxWebSocketFrameBytes() {
        return maxMqttPacketBytes() + 16;
    }
}
