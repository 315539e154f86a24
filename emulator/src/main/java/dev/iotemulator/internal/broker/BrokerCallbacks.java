package dev.iotemulator.internal.broker;

/**
 * What the embedded broker asks of the gateway. The broker only ever sees the opaque per-connection token the
 * gateway put into the CONNECT's username; these calls map it back to the real connection.
 */
public interface BrokerCallbacks {

    /** Whether the token and secret name a live gateway connection with this client id. Must not throw. */
    boolean isLiveConnection(String token, byte[] secret, String clientId);

    /** The broker has accepted the connection and will now process its packets. Must not block. */
    void sessionReady(String token);
}
