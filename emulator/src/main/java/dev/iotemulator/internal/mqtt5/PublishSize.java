package dev.iotemulator.internal.mqtt5;

import dev.iotemulator.MessageProperties;
import java.nio.charset.StandardCharsets;

/**
 * The encoded size of an MQTT 5 PUBLISH, to honour a client's {@code Maximum Packet Size}: the server never sends it
 * a larger packet (AWS drops such a message for that client, as MQTT 5 §3.1.2.11.4 requires).
 */
public final class PublishSize {

    private PublishSize() {
    }

    /**
     * @param properties the message's properties, or null
     * @param withExpiry whether a Message Expiry Interval goes out
     * @param withAlias whether a Topic Alias goes out
     */
    public static int propertiesLength(MessageProperties properties, boolean withExpiry, boolean withAlias) {
        int length = (withExpiry ? 5 : 0) + (withAlias ? 3 : 0);
        if (properties == null) {
            return length;
        }
        if (properties.payloadFormatIndicator() != null) {
            length += 2;
        }
        length += string(properties.contentType()) + string(properties.responseTopic());
        if (properties.correlationData() != null) {
            length += 3 + properties.correlationData().length;
        }
        for (MessageProperties.UserProperty p : properties.userProperties()) {
            length += 5 + utf8(p.name()) + utf8(p.value());
        }
        return length;
    }

    /** The whole packet: fixed header, topic, packet id, properties and payload. */
    public static long packetSize(String topicSent, int qos, int propertiesLength, int payloadLength) {
        long remaining = 2L + utf8(topicSent) + (qos > 0 ? 2 : 0) + varIntSize(propertiesLength) + propertiesLength
                + payloadLength;
        return 1 + varIntSize(remaining) + remaining;
    }

    private static int string(String value) {
        return value == null ? 0 : 3 + utf8(value);
    }

    private static int utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static int varIntSize(long value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }
}
