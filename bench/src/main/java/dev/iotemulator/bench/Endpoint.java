package dev.iotemulator.bench;

import java.net.URI;
import java.util.function.Supplier;

/**
 * Where a load-generator connection goes: plain MQTT over TCP, or MQTT over a WebSocket whose URL is produced afresh
 * for every connection (a new SigV4 presignature each time, as real devices do).
 */
record Endpoint(Transport transport, String host, int port, Supplier<URI> webSocketUrl) {

    enum Transport { TCP, WEBSOCKET }

    static Endpoint tcp(String host, int port) {
        return new Endpoint(Transport.TCP, host, port, null);
    }

    static Endpoint webSocket(String host, int port, Supplier<URI> presignedUrl) {
        return new Endpoint(Transport.WEBSOCKET, host, port, presignedUrl);
    }

    String label() {
        return transport == Transport.TCP ? "tcp" : "ws+sigv4";
    }
}
