package dev.iotemulator.internal.mqtt5;

/**
 * What AWS IoT Core advertises in an MQTT 5 CONNACK and the bounds it applies (developer guide, "MQTT", MQTT 5
 * supported features): QoS 0 and 1, retained messages, wildcard and shared subscriptions, no subscription
 * identifiers, 8 topic aliases, 128 KB packets, message expiry from 1 s to 7 days, session expiry up to 7 days.
 */
public final class AwsMqtt5 {

    /** {@code Maximum QoS}. */
    public static final int MAXIMUM_QOS = 1;
    /** {@code Topic Alias Maximum}: AWS's default. */
    public static final int TOPIC_ALIAS_MAXIMUM = 8;
    /**
     * {@code Receive Maximum}: AWS does not document its value; 100 is its quota of unacknowledged inbound QoS 1
     * messages per client.
     */
    public static final int RECEIVE_MAXIMUM = 100;
    /** {@code Maximum Packet Size}: 128 KB. */
    public static final int MAXIMUM_PACKET_SIZE = 128 * 1024;
    /** The shortest message expiry: a smaller interval (even 0) is raised to it. */
    public static final long MIN_MESSAGE_EXPIRY_SECONDS = 1;
    /** The longest message expiry: 7 days. */
    public static final long MAX_MESSAGE_EXPIRY_SECONDS = 604_800;
    /** The longest session expiry AWS grants with a raised quota: 7 days. */
    public static final long MAX_SESSION_EXPIRY_SECONDS = 604_800;

    private AwsMqtt5() {
    }
}
