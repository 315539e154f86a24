package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.mqtt.KeepAlive;
import dev.iotemulator.internal.mqtt5.AwsMqtt5;
import dev.iotemulator.internal.mqtt5.InboundTopicAliases;
import dev.iotemulator.internal.mqtt5.MessageExpiry;
import dev.iotemulator.internal.mqtt5.OutboundTopicAliases;
import dev.iotemulator.internal.mqtt5.PublishSize;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.mqtt5.SessionExpiry;
import dev.iotemulator.internal.session.Delivery;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.IntegerProperty;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;

/**
 * What an MQTT 5 client asked for in its CONNECT, and the state of its connection that MQTT 5 adds: the session
 * expiry granted, the client's Receive Maximum, Maximum Packet Size and Topic Alias Maximum (honoured on every
 * delivery), and the topic aliases both ways. A 3.1.1 connection has none of it (its {@code v5} is null), so it pays
 * nothing.
 */
final class Mqtt5Client {

    private final long requestedSessionExpiry;
    private final long grantedSessionExpiry;
    private final int receiveMaximum;
    private final long maximumPacketSize;
    final InboundTopicAliases inboundAliases = new InboundTopicAliases(AwsMqtt5.TOPIC_ALIAS_MAXIMUM);
    private final OutboundTopicAliases outboundAliases;
    private long sessionExpiry;

    private Mqtt5Client(long requestedSessionExpiry, long capSeconds, int receiveMaximum, long maximumPacketSize,
            int topicAliasMaximum) {
        this.requestedSessionExpiry = requestedSessionExpiry;
        this.grantedSessionExpiry = SessionExpiry.grant(requestedSessionExpiry, capSeconds);
        this.sessionExpiry = grantedSessionExpiry;
        this.receiveMaximum = receiveMaximum;
        this.maximumPacketSize = maximumPacketSize;
        this.outboundAliases = new OutboundTopicAliases(topicAliasMaximum);
    }

    /** The CONNECT's properties, or the protocol error they contain (MQTT 5 §3.1.2.11: 0 is not allowed for these). */
    static Mqtt5Client read(MqttConnectMessage connect, long sessionExpiryCapSeconds) throws ProtocolError {
        MqttProperties p = connect.variableHeader().properties();
        Integer expiry = Mqtt5Properties.integer(p, MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        Integer receive = Mqtt5Properties.integer(p, MqttPropertyType.RECEIVE_MAXIMUM.value());
        Integer packet = Mqtt5Properties.integer(p, MqttPropertyType.MAXIMUM_PACKET_SIZE.value());
        Integer aliases = Mqtt5Properties.integer(p, MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value());
        if (receive != null && receive == 0) {
            throw new ProtocolError("CONNECT with Receive Maximum 0");
        }
        if (packet != null && packet == 0) {
            throw new ProtocolError("CONNECT with Maximum Packet Size 0");
        }
        return new Mqtt5Client(expiry == null ? 0 : Integer.toUnsignedLong(expiry), sessionExpiryCapSeconds,
                receive == null ? 65_535 : receive, packet == null ? Long.MAX_VALUE : Integer.toUnsignedLong(packet),
                aliases == null ? 0 : aliases);
    }

    /** A CONNECT whose properties break the MQTT 5 rules. */
    static final class ProtocolError extends Exception {
        ProtocolError(String problem) {
            super(problem, null, false, false);
        }
    }

    /** How long the session outlives the connection, in seconds, as granted (and possibly lowered since). */
    long sessionExpirySeconds() {
        return sessionExpiry;
    }

    /**
     * The client's DISCONNECT asks for a new session expiry.
     *
     * @return false when that is a protocol error (raising it from 0)
     */
    boolean sessionExpiryOnDisconnect(long requestedSeconds, long capSeconds) {
        long changed = SessionExpiry.onDisconnect(sessionExpiry, requestedSeconds, capSeconds);
        if (changed == SessionExpiry.PROTOCOL_ERROR) {
            return false;
        }
        sessionExpiry = changed;
        return true;
    }

    int receiveMaximum() {
        return receiveMaximum;
    }

    /**
     * The CONNACK's properties: what AWS IoT advertises (developer guide, "MQTT", MQTT 5 CONNACK properties), the
     * adjusted session expiry and keep-alive when they differ from the request, and the client id when assigned.
     */
    MqttProperties connAckProperties(int requestedKeepAlive, String assignedClientId) {
        MqttProperties p = new MqttProperties();
        if (grantedSessionExpiry != requestedSessionExpiry) {
            p.add(integer(MqttPropertyType.SESSION_EXPIRY_INTERVAL, (int) grantedSessionExpiry));
        }
        p.add(integer(MqttPropertyType.RECEIVE_MAXIMUM, AwsMqtt5.RECEIVE_MAXIMUM));
        p.add(integer(MqttPropertyType.MAXIMUM_QOS, AwsMqtt5.MAXIMUM_QOS));
        p.add(integer(MqttPropertyType.RETAIN_AVAILABLE, 1));
        p.add(integer(MqttPropertyType.MAXIMUM_PACKET_SIZE, AwsMqtt5.MAXIMUM_PACKET_SIZE));
        p.add(integer(MqttPropertyType.TOPIC_ALIAS_MAXIMUM, AwsMqtt5.TOPIC_ALIAS_MAXIMUM));
        p.add(integer(MqttPropertyType.WILDCARD_SUBSCRIPTION_AVAILABLE, 1));
        p.add(integer(MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0));
        p.add(integer(MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE, 1));
        if (KeepAlive.clamp(requestedKeepAlive) != requestedKeepAlive) {
            p.add(integer(MqttPropertyType.SERVER_KEEP_ALIVE, KeepAlive.clamp(requestedKeepAlive)));
        }
        if (assignedClientId != null) {
            p.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
                    assignedClientId));
        }
        return p;
    }

    /**
     * The PUBLISH for a delivery: its properties, the time left of its expiry, a topic alias when the client allows
     * them. Null when it would be larger than the client's Maximum Packet Size.
     */
    MqttPublishMessage publishFor(Delivery d, int packetId, boolean dup) {
        long remaining = d.expiresAtMillis() == 0 ? -1
                : MessageExpiry.remainingSeconds(d.expiresAtMillis(), System.currentTimeMillis());
        OutboundTopicAliases.Choice alias = outboundAliases.peek(d.topic());
        String topicSent = alias.sendTopic() ? d.topic() : "";
        int propertiesLength = PublishSize.propertiesLength(d.properties(), remaining >= 0, alias.alias() > 0);
        if (PublishSize.packetSize(topicSent, d.qos(), propertiesLength, d.payload().length) > maximumPacketSize) {
            return null;
        }
        outboundAliases.commit(d.topic(), alias);
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(d.qos()), d.retained(), 0),
                new MqttPublishVariableHeader(topicSent, packetId,
                        Mqtt5Properties.write(d.properties(), remaining, alias.alias())),
                Unpooled.wrappedBuffer(d.payload()));
    }

    /** A server DISCONNECT with a reason code. */
    static MqttMessage disconnect(ReasonCode code) {
        return new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttReasonCodeAndPropertiesVariableHeader((byte) code.value(), MqttProperties.NO_PROPERTIES));
    }

    private static IntegerProperty integer(MqttPropertyType type, int value) {
        return new IntegerProperty(type.value(), value);
    }
}
