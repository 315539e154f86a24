package dev.iotemulator.internal.connection;

import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.mqtt5.MessageExpiry;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import java.util.ArrayList;
import java.util.List;

/**
 * A message's MQTT 5 properties between Netty's packet form and the emulator's {@link MessageProperties}: the
 * properties AWS IoT passes from publisher to subscribers (payload format, content type, response topic, correlation
 * data, user properties in order, message expiry). Topic aliases and subscription identifiers are the connection's
 * business and do not travel.
 */
final class Mqtt5Properties {

    private static final int PAYLOAD_FORMAT = MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value();
    private static final int EXPIRY = MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value();
    private static final int CONTENT_TYPE = MqttPropertyType.CONTENT_TYPE.value();
    private static final int RESPONSE_TOPIC = MqttPropertyType.RESPONSE_TOPIC.value();
    private static final int CORRELATION_DATA = MqttPropertyType.CORRELATION_DATA.value();
    private static final int USER_PROPERTY = MqttPropertyType.USER_PROPERTY.value();

    private Mqtt5Properties() {
    }

    /**
     * The properties of a PUBLISH or Will, the message expiry adjusted the AWS way; null when it has none that
     * travel.
     */
    static MessageProperties read(MqttProperties props) {
        if (props == null || props.isEmpty() && props.getProperties(USER_PROPERTY).isEmpty()) {
            return null;
        }
        List<MessageProperties.UserProperty> users = new ArrayList<>();
        for (MqttProperty<?> p : props.getProperties(USER_PROPERTY)) {
            MqttProperties.StringPair pair = ((MqttProperties.UserProperty) p).value();
            users.add(new MessageProperties.UserProperty(pair.key, pair.value));
        }
        Integer expiry = integer(props, EXPIRY);
        MessageProperties read = new MessageProperties(integer(props, PAYLOAD_FORMAT), string(props, CONTENT_TYPE),
                string(props, RESPONSE_TOPIC), binary(props, CORRELATION_DATA), users,
                expiry == null ? null : MessageExpiry.adjust(Integer.toUnsignedLong(expiry)));
        return read.isEmpty() ? null : read;
    }

    /**
     * The properties for a delivery.
     *
     * @param remainingExpirySeconds the time the message has left, or a negative value when it does not expire
     * @param topicAlias the topic alias to send, or 0
     */
    static MqttProperties write(MessageProperties p, long remainingExpirySeconds, int topicAlias) {
        MqttProperties out = new MqttProperties();
        if (p != null) {
            if (p.payloadFormatIndicator() != null) {
                out.add(new MqttProperties.IntegerProperty(PAYLOAD_FORMAT, p.payloadFormatIndicator()));
            }
            if (p.contentType() != null) {
                out.add(new MqttProperties.StringProperty(CONTENT_TYPE, p.contentType()));
            }
            if (p.responseTopic() != null) {
                out.add(new MqttProperties.StringProperty(RESPONSE_TOPIC, p.responseTopic()));
            }
            if (p.correlationData() != null) {
                out.add(new MqttProperties.BinaryProperty(CORRELATION_DATA, p.correlationData()));
            }
            for (MessageProperties.UserProperty u : p.userProperties()) {
                out.add(new MqttProperties.UserProperty(u.name(), u.value()));
            }
        }
        if (remainingExpirySeconds >= 0) {
            out.add(new MqttProperties.IntegerProperty(EXPIRY, (int) remainingExpirySeconds));
        }
        if (topicAlias > 0) {
            out.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS.value(), topicAlias));
        }
        return out;
    }

    static Integer integer(MqttProperties props, int id) {
        MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (Integer) p.value();
    }

    static String string(MqttProperties props, int id) {
        MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (String) p.value();
    }

    private static byte[] binary(MqttProperties props, int id) {
        MqttProperty<?> p = props.getProperty(id);
        return p == null ? null : (byte[]) p.value();
    }
}
