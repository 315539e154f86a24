package dev.iotemulator.internal.gateway;

import dev.iotemulator.MqttLimits;
import java.time.Duration;
import java.util.List;

/**
 * The gateway's listeners and limits.
 *
 * @param httpPort HTTP + WebSocket port; 0 picks a free one
 * @param mqttPort plain MQTT/TCP port; 0 picks a free one, -1 turns the listener off
 * @param httpsPort HTTPS + WSS (+ ALPN MQTT) port; 0 picks a free one, -1 turns the listener off
 * @param mqttsPort MQTT over TLS with client certificates; 0 picks a free one, -1 turns the listener off
 * @param adminToken the token the admin routes require, or null for none
 * @param anonymousTcpLogin whether a plain MQTT/TCP client without a username acts as the default credential
 * @param hostNames names besides loopback ones under which clients reach the emulator (the admin routes accept them
 *     in the {@code Host} header)
 * @param maxConnections client connections at once, over every listener; more are closed at once
 * @param httpRequestTimeout how long an HTTP client has from connecting to send a whole request
 */
public record GatewaySettings(String bindAddress, int httpPort, int mqttPort, String region, String accountId,
        Duration allowedClockSkew, MqttLimits limits, int httpsPort, int mqttsPort, String adminToken,
        boolean anonymousTcpLogin, List<String> hostNames, int maxConnections, Duration httpRequestTimeout) {

    public GatewaySettings {
        hostNames = List.copyOf(hostNames);
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
