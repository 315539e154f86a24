package dev.iotemulator.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt5.PublishSize;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The size the gateway computes for an MQTT 5 PUBLISH before sending it (to honour a client's Maximum Packet Size)
 * is the size Netty's encoder then writes, byte for byte.
 */
class PublishSizeTest {

    /** The channel attribute Netty's MQTT codec reads the protocol version from. */
    private static final AttributeKey<MqttVersion> VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private static long encoded(String topic, int qos, MessageProperties properties, long expiry, int alias,
            byte[] payload) {
        EmbeddedChannel channel = new EmbeddedChannel(MqttEncoder.INSTANCE);
        channel.attr(VERSION).set(MqttVersion.MQTT_5);
        channel.writeOutbound(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, qos > 0 ? 7 : -1, Mqtt5Properties.write(properties, expiry, alias)),
                Unpooled.wrappedBuffer(payload)));
        long size = 0;
        for (ByteBuf b; (b = channel.readOutbound()) != null; b.release()) {
            size += b.readableBytes();
        }
        channel.finishAndReleaseAll();
        return size;
    }

    private static long computed(String topic, int qos, MessageProperties properties, long expiry, int alias,
            byte[] payload) {
        return PublishSize.packetSize(topic, qos, PublishSize.propertiesLength(properties, expiry >= 0, alias > 0),
                payload.length);
    }

    private static void assertSameSize(String topic, int qos, MessageProperties properties, long expiry, int alias,
            byte[] payload) {
        assertEquals(encoded(topic, qos, properties, expiry, alias, payload),
                computed(topic, qos, properties, expiry, alias, payload));
    }

    @Test
    void a_plain_publish_is_computed_as_encoded() {
        assertSameSize("a/b", 0, null, -1, 0, new byte[10]);
        assertSameSize("a/b", 1, null, -1, 0, new byte[10]);
    }

    @Test
    void a_publish_with_every_property_an_expiry_and_an_alias_is_computed_as_encoded() {
        MessageProperties all = new MessageProperties(1, "text/plain; charset=utf-8", "replies/ü/1",
                "corr-42".getBytes(StandardCharsets.UTF_8), List.of(new MessageProperties.UserProperty("k", "v"),
                        new MessageProperties.UserProperty("naïve", "日本"), new MessageProperties.UserProperty("k", "")),
                null);
        assertSameSize("devices/ü/telemetry", 1, all, 3600, 3, "payload".getBytes(StandardCharsets.UTF_8));
        assertSameSize("", 1, all, 0, 3, new byte[0]);
    }

    @Test
    void sizes_across_the_variable_length_boundaries_are_computed_as_encoded() {
        MessageProperties some = new MessageProperties(null, "application/json", null, null,
                List.of(new MessageProperties.UserProperty("n", "x".repeat(200))), null);
        for (int payload : new int[] {0, 60, 120, 127, 16_000, 16_383, 16_384, 130_000, 2_097_200}) {
            assertSameSize("t", 1, some, 60, 0, new byte[payload]);
        }
    }
}
