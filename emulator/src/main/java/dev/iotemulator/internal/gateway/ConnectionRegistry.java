package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.broker.BrokerCallbacks;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The live client connections, by the opaque token each one presents to the broker as its MQTT username. */
final class ConnectionRegistry implements BrokerCallbacks {

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();

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
