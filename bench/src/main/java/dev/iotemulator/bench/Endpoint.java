package dev.iotemulator.bench;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where a load-generator connection goes: plain MQTT over TCP, or MQTT over a WebSocket whose URL is produced for every
 * connection: presigned afresh with SigV4 (as real devices do), or a plain {@code /mqtt} for a broker that refuses a
 * query string (bare Moquette 0.17). The clients speak MQTT 3.1.1, or MQTT 5 with properties on every PUBLISH.
 *
 * @param presigned whether {@code webSocketUrl} signs each URL; false for TCP
 * @param mqtt5 whether the clients speak MQTT 5
 */
record Endpoint(Transport transport, String host, int port, Supplier<URI> webSocketUrl, boolean presigned,
        boolean mqtt5) {

    enum Transport { TCP, WEBSOCKET }

    static Endpoint tcp(String host, int port) {
        return new Endpoint(Transport.TCP, host, port, null, false, false);
    }

    static Endpoint webSocket(String host, int port, Supplier<URI> presignedUrl) {
        return new Endpoint(Transport.WEBSOCKET, host, port, presignedUrl, true, false);
    }

    /** {@code ws://host:port/mqtt} with no query string, the same URL for every connection. */
    static Endpoint plainWebSocket(String host, int port) {
        URI url = URI.create("ws://" + host + ":" + port + "/mqtt");
        return new Endpoint(Transport.WEBSOCKET, host, port, () -> url, false, false);
    }

    /** The same endpoint, its clients speaking MQTT 5. */
    Endpoint withMqtt5() {
        return new Endpoint(transport, host, port, webSocketUrl, presigned, true);
    }

    /**
     * The transport as it appears in scenario names, which pair the brokers' rows: the WebSocket scenarios are named
     * for SigV4 even for a broker that gets plain URLs, and {@link #describe()} says which one it got.
     */
    String label() {
        return (transport == Transport.TCP ? "tcp" : "ws+sigv4") + (mqtt5 ? " mqtt5" : "");
    }

    /** What this broker actually gets, for the run's log. */
    String describe() {
        if (transport == Transport.TCP) {
            return "tcp " + port;
        }
        return "ws " + port + (presigned ? " (SigV4-presigned URLs)" : " (plain /mqtt, not presigned)");
    }
}
