package dev.iotemulator.internal.mqtt5;

import dev.iotemulator.internal.mqtt.DisconnectReason;

/**
 * The MQTT 5 reason codes AWS IoT Core answers with (developer guide, "MQTT", reason codes), by their MQTT 5
 * names. A code below 0x80 is a success.
 */
public enum ReasonCode {
    SUCCESS(0x00),
    GRANTED_QOS_1(0x01),
    NO_SUBSCRIPTION_EXISTED(0x11),
    UNSPECIFIED_ERROR(0x80),
    MALFORMED_PACKET(0x81),
    PROTOCOL_ERROR(0x82),
    CLIENT_IDENTIFIER_NOT_VALID(0x85),
    BAD_USER_NAME_OR_PASSWORD(0x86),
    NOT_AUTHORIZED(0x87),
    SERVER_UNAVAILABLE(0x88),
    SERVER_SHUTTING_DOWN(0x8B),
    KEEP_ALIVE_TIMEOUT(0x8D),
    SESSION_TAKEN_OVER(0x8E),
    TOPIC_FILTER_INVALID(0x8F),
    TOPIC_NAME_INVALID(0x90),
    RECEIVE_MAXIMUM_EXCEEDED(0x93),
    TOPIC_ALIAS_INVALID(0x94),
    PACKET_TOO_LARGE(0x95),
    QUOTA_EXCEEDED(0x97),
    ADMINISTRATIVE_ACTION(0x98),
    QOS_NOT_SUPPORTED(0x9B),
    SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED(0xA1);

    private final int value;

    ReasonCode(int value) {
        this.value = value;
    }

    /** The byte on the wire. */
    public int value() {
        return value;
    }

    public boolean isError() {
        return value >= 0x80;
    }

    /**
     * The reason code of the DISCONNECT AWS IoT sends an MQTT 5 client that it disconnects for {@code reason}
     * (developer guide, "MQTT", reason codes); null when the server sends none (the client left).
     */
    public static ReasonCode forDisconnect(DisconnectReason reason) {
        return switch (reason) {
            case DUPLICATE_CLIENTID -> SESSION_TAKEN_OVER;
            case MQTT_KEEP_ALIVE_TIMEOUT -> KEEP_ALIVE_TIMEOUT;
            case AUTH_ERROR, FORBIDDEN_ACCESS -> NOT_AUTHORIZED;
            case API_INITIATED_DISCONNECT -> ADMINISTRATIVE_ACTION;
            case SERVER_INITIATED_DISCONNECT -> SERVER_SHUTTING_DOWN;
            case THROTTLED -> QUOTA_EXCEEDED;
            case CLIENT_ERROR -> PROTOCOL_ERROR;
            case SERVER_ERROR -> UNSPECIFIED_ERROR;
            case CLIENT_INITIATED_DISCONNECT, CONNECTION_LOST, WEBSOCKET_TTL_EXPIRATION -> null;
        };
    }

    /** For log lines, one token: {@code 0x87/NOT_AUTHORIZED}. */
    @Override
    public String toString() {
        return String.format("0x%02X/%s", value, name());
    }
}
