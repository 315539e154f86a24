package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.broker.BrokerCallbacks;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The live client connections, by the opaque token each one presents to the broker as its MQTT username. */
final class ConnectionRegistry implements BrokerCallbacks {

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    private final Map<String, MqttRelayHandler> byClientId = new ConcurrentHashMap<>();

    /** Makes {@code connection} the owner of its client id; returns the connection it takes over, if any. */
    MqttRelayHandler claimClientId(String clientId, MqttRelayHandler connection) {
        MqttRelayHandler previous = byClientId.put(clientId, connection);
        return previous == connection ? null : previous;
    }

    void releaseClientId(String clientId, MqttRelayHandler connection) {
        byClientId.remove(clientId, connection);
    }

    /** Closes every live connection with the given lifecycle reason; completes once all are closed. */
    CompletableFuture<Void> closeAll(DisconnectReason reason) {
        return CompletableFuture.allOf(byToken.values().stream()
                .map(entry -> entry.connection.closeFromServer(reason)).toArray(CompletableFuture[]::new));
    }

    /** The connections that own a client id, connected or connecting. */
    List<MqttRelayHandler> connections() {
        return List.copyOf(byClientId.values());
    }

    Optional<MqttRelayHandler> byClientId(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    void register(String token, byte[] secret, String clientId, MqttRelayHandler connection) {
        byToken.put(token, new Entry(secret, clientId, connection));
    }

    void unregister(String token) {
        byToken.remove(token);
    }

    int size() {
        return byToken.size();
    }

    @Override
    public boolean isLiveConnection(String token, byte[] secret, String clientId) {
        Entry entry = byToken.get(token);
        return entry != null && entry.clientId.equals(clientId) && MessageDigest.isEqual(entry.secret, secret);
    }

    @Override
    public void sessionReady(String token) {
        Entry entry = byToken.get(token);
        if (entry != null) {
            entry.connection.brokerSessionReady();
        }
    }

    private record Entry(byte[] secret, String clientId, MqttRelayHandler connection) {
    }
}
