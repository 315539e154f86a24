package dev.iotemulator.internal.mqtt;

/**
 * AWS IoT's {@code disconnectReason} values ("Lifecycle events" in the developer guide), and whether AWS publishes
 * the connection's Last Will for each.
 */
public enum DisconnectReason {
    AUTH_ERROR(true),
    CLIENT_INITIATED_DISCONNECT(false),
    CLIENT_ERROR(true),
    CONNECTION_LOST(true),
    DUPLICATE_CLIENTID(true),
    FORBIDDEN_ACCESS(true),
    MQTT_KEEP_ALIVE_TIMEOUT(true),
    SERVER_ERROR(true),
    SERVER_INITIATED_DISCONNECT(true),
    API_INITIATED_DISCONNECT(true),
    THROTTLED(true),
    WEBSOCKET_TTL_EXPIRATION(true);

    private final boolean willPublished;

    DisconnectReason(boolean willPublished) {
        this.willPublished = willPublished;
    }

    public boolean willPublished() {
        return willPublished;
    }

    public boolean clientInitiated() {
        return this == CLIENT_INITIATED_DISCONNECT;
    }
}
