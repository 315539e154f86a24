package dev.iotemulator.internal.mqtt;

import dev.iotemulator.MessageProperties;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retained messages the AWS way (developer guide, "MQTT", retained messages): one per topic, QoS 0 messages stored
 * too (Moquette 0.17 would clear instead), and an empty payload deletes. An MQTT 5 message keeps its properties, and
 * its message expiry applies here too: once its time is up it is gone. Backs both the replay on subscribe and the
 * HTTP retained-message APIs.
 */
public final class RetainedStore {

    /**
     * A stored retained message.
     *
     * @param properties its MQTT 5 properties, or null
     * @param expiresAtMillis when it expires (epoch milliseconds), or 0 for never
     */
    public record Retained(String topic, byte[] payload, int qos, long lastModifiedMillis,
            MessageProperties properties, long expiresAtMillis) {

        public Retained(String topic, byte[] payload, int qos, long lastModifiedMillis) {
            this(topic, payload, qos, lastModifiedMillis, null, 0);
        }

        boolean expired(long nowMillis) {
            return expiresAtMillis != 0 && nowMillis >= expiresAtMillis;
        }
    }

    private final Map<String, Retained> byTopic = new ConcurrentHashMap<>();
    private final Clock clock;

    public RetainedStore() {
        this(Clock.systemUTC());
    }

    public RetainedStore(Clock clock) {
        this.clock = clock;
    }

    /** Stores the message, or deletes the topic's message when the payload is empty. */
    public void retain(String topic, byte[] payload, int qos, long nowMillis) {
        retain(topic, payload, qos, nowMillis, null, 0);
    }

    /** Stores an MQTT 5 message with its properties and expiry, or deletes when the payload is empty. */
    public void retain(String topic, byte[] payload, int qos, long nowMillis, MessageProperties properties,
            long expiresAtMillis) {
        if (payload.length == 0) {
            byTopic.remove(topic);
        } else {
            byTopic.put(topic, new Retained(topic, payload.clone(), qos, nowMillis, properties, expiresAtMillis));
        }
    }

    /** The topic's retained message, unless it has expired. */
    public Optional<Retained> get(String topic) {
        Retained r = byTopic.get(topic);
        if (r != null && r.expired(clock.millis())) {
            byTopic.remove(topic, r);
            return Optional.empty();
        }
        return Optional.ofNullable(r);
    }

    /** Every retained message that has not expired, ordered by topic. */
    public List<Retained> list() {
        long now = clock.millis();
        byTopic.values().removeIf(r -> r.expired(now));
        return byTopic.values().stream().sorted(Comparator.comparing(Retained::topic)).toList();
    }

    public void clear() {
        byTopic.clear();
    }

    public int size() {
        return byTopic.size();
    }
}
