package dev.iotemulator.internal.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions of persistent sessions ({@code cleanSession=false}) between connections, so that the gateway
 * can keep applying AWS's matching rules to what the broker delivers to a resumed session. Forgotten after the
 * session expiry (AWS default: 1 hour), like the session itself.
 */
final class SessionMemory {

    private record Remembered(Map<String, Integer> subscriptions, long expiresAtMillis) {
    }

    private final Map<String, Remembered> byClientId = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration expiry;

    SessionMemory(Clock clock, Duration expiry) {
        this.clock = clock;
        this.expiry = expiry;
    }

    void clear() {
        byClientId.clear();
    }

    void forget(String clientId) {
        byClientId.remove(clientId);
    }

    void remember(String clientId, Map<String, Integer> subscriptions) {
        byClientId.put(clientId, new Remembered(new LinkedHashMap<>(subscriptions),
                clock.millis() + expiry.toMillis()));
    }

    /** The subscriptions of a session the broker resumed; empty when there is none or it expired. */
    Map<String, Integer> resume(String clientId) {
        Remembered r = byClientId.remove(clientId);
        if (r == null || r.expiresAtMillis() < clock.millis()) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(r.subscriptions());
    }
}
