package dev.iotemulator.internal.mqtt;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retained messages the AWS way (developer guide, "MQTT", retained messages): one per topic, QoS 0 messages stored
 * too (Moquette 0.17 would clear instead), and an empty payload deletes. Backs both the replay on subscribe and the
 * HTTP retained-message APIs.
 */
public final class RetainedStore {

    /** A stored retained message. */
    public record Retained(String topic, byte[] payload, int qos, long lastModifiedMillis) {
    }

    private final Map<String, Retained> byTopic = new ConcurrentHashMap<>();

    /** Stores the message, or deletes the topic's message when the payload is empty. */
    public void retain(String topic, byte[] payload, int qos, long nowMillis) {
        if (payload.length == 0) {
            byTopic.remove(topic);
        } else {
            byTopic.put(topic, new Retained(topic, payload.clone(), qos, nowMillis));
        }
    }

    public Optional<Retained> get(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** Every retained message, ordered by topic. */
    public List<Retained> list() {
        return byTopic.values().stream().sorted(Comparator.comparing(Retained::topic)).toList();
    }

    public void clear() {
        byTopic.clear();
    }

    public int size() {
        return byTopic.size();
    }
}
