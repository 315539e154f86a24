package dev.iotemulator.internal.gateway;

import java.time.Duration;

/**
 * The gateway's listeners and limits.
 *
 * @param httpPort HTTP + WebSocket port; 0 picks a free one
 * @param mqttPort plain MQTT/TCP port; 0 picks a free one, -1 turns the listener off
 */
public record GatewaySettings(String bindAddress, int httpPort, int mqttPort, String region, String accountId,
        Duration allowedClockSkew, int maxPayloadBytes) {

    /** Room for the fixed header, topic name (at most 256 UTF-8 bytes in AWS, 4 bytes a character) and packet id. */
    private static final int PACKET_OVERHEAD = 2048;

    public int maxMqttPacketBytes() {
        return maxMqttPacketBytes(maxPayloadBytes);
    }

    public static int maxMqttPacketBytes(int maxPayloadBytes) {
        return maxPayloadBytes + PACKET_OVERHEAD;
    }

    public int maxWebSocketFrameBytes() {
        return maxMqttPacketBytes() + 16;
    }
}
