package dev.iotemulator;

import java.util.List;

/**
 * An MQTT client connected to the emulator, as {@link EmulatorControl#connectedClients()} and
 * {@code GET /__emulator/clients} list it.
 *
 * @param clientId its MQTT client id
 * @param principal the access key id it authenticated with, or its certificate id over mutual TLS
 * @param transport how it connected: {@code wss} (MQTT over a WebSocket, with or without TLS), {@code tcp} (plain
 *     MQTT) or {@code mtls} (MQTT over TLS with a client certificate)
 * @param remoteAddress the client's address and port as the emulator sees it, e.g. {@code /127.0.0.1:53122}
 * @param subscriptions the topic filters it is subscribed to
 */
public record ConnectedClient(String clientId, String principal, String transport, String remoteAddress,
        List<String> subscriptions) {

    public ConnectedClient {
        subscriptions = subscriptions == null ? List.of() : List.copyOf(subscriptions);
    }
}
