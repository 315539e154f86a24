package dev.iotemulator.internal.mqtt;

import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.nio.ByteBuffer;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retained messages the AWS way (developer guide, "MQTT", retained messages): one per topic, QoS 0 messages stored
 * too (Moquette 0.17 would clear instead), and an empty payload deletes. Backs both the replay on subscribe and the
 * HTTP retained-message APIs.
 *
 * <p>Each change is written to the {@link DocumentStore} ({@value CollectionNames#RETAINED}, keyed by topic) before
 * the call returns, so retained messages survive a restart as they do at AWS.
 */
public final class RetainedStore {

    /** A stored retained message. */
    public record Retained(String topic, byte[] payload, int qos, long lastModifiedMillis) {
    }

    /** The stored form: a format byte, QoS, last-modified time, then the payload. */
    private static final byte FORMAT = 1;
    private static final int HEADER_BYTES = 1 + 1 + Long.BYTES;

    private final Map<String, Retained> byTopic = new ConcurrentHashMap<>();
    private final DocumentStore store;

    /** Retained messages kept in memory only. */
    public RetainedStore() {
        this(DocumentStore.inMemory());
    }

    /** Retained messages kept in {@code store}, starting with those it already holds. */
    public RetainedStore(DocumentStore store) {
        this.store = store;
        store.entries(CollectionNames.RETAINED).forEach((topic, stored) -> {
            ByteBuffer b = ByteBuffer.wrap(stored);
            if (b.remaining() >= HEADER_BYTES && b.get() == FORMAT) {
                int qos = b.get();
                long modified = b.getLong();
                byte[] payload = new byte[b.remaining()];
                b.get(payload);
                byTopic.put(topic, new Retained(topic, payload, qos, modified));
            }
        });
    }

    /** Stores the message, or deletes the topic's message when the payload is empty. */
    public synchronized void retain(String topic, byte[] payload, int qos, long nowMillis) {
        if (payload.length == 0) {
            byTopic.remove(topic);
            store.delete(CollectionNames.RETAINED, topic);
        } else {
            byTopic.put(topic, new Retained(topic, payload.clone(), qos, nowMillis));
            store.put(CollectionNames.RETAINED, topic, ByteBuffer.allocate(HEADER_BYTES + payload.length).put(FORMAT)
                    .put((byte) qos).putLong(nowMillis).put(payload).array());
        }
    }

    public Optional<Retained> get(String topic) {
        return Optional.ofNullable(byTopic.get(topic));
    }

    /** Every retained message, ordered by topic. */
    public List<Retained> list() {
        return byTopic.values().stream().sorted(Comparator.comparing(Retained::topic)).toList();
    }

    /** Forgets every retained message, in memory and in the store. */
    public synchronized void clear() {
        byTopic.clear();
        store.clear(CollectionNames.RETAINED);
    }

    public int size() {
        return byTopic.size();
    }
}
