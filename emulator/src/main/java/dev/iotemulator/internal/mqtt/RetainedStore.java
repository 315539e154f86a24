package dev.iotemulator.internal.mqtt;

import dev.iotemulator.MessageProperties;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.nio.ByteBuffer;
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
 *
 * <p>Each change is written to the {@link DocumentStore} ({@value CollectionNames#RETAINED}, keyed by topic) before
 * the call returns, so retained messages survive a restart as they do at AWS. The store keeps the payload, QoS, time
 * and expiry; MQTT 5 properties are kept in memory only (the README's durable-state section says so).
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

    /** Format 1: format byte, QoS, last-modified time, payload. Format 2 adds the expiry time after the last. */
    private static final byte FORMAT_1 = 1;
    private static final byte FORMAT_2 = 2;
    private static final int HEADER_1 = 1 + 1 + Long.BYTES;
    private static final int HEADER_2 = HEADER_1 + Long.BYTES;

    private final Map<String, Retained> byTopic = new ConcurrentHashMap<>();
    private final DocumentStore store;
    private final Clock clock;

    /** Retained messages kept in memory only. */
    public RetainedStore() {
        this(DocumentStore.inMemory(), Clock.systemUTC());
    }

    /** Retained messages kept in memory only, expiring by {@code clock}. */
    public RetainedStore(Clock clock) {
        this(DocumentStore.inMemory(), clock);
    }

    /** Retained messages kept in {@code store}, starting with those it already holds. */
    public RetainedStore(DocumentStore store) {
        this(store, Clock.systemUTC());
    }

    /** Retained messages kept in {@code store}, starting with those it already holds, expiring by {@code clock}. */
    public RetainedStore(DocumentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.entries(CollectionNames.RETAINED).forEach((topic, stored) -> {
            ByteBuffer b = ByteBuffer.wrap(stored);
            if (b.remaining() < HEADER_1) {
                return;
            }
            byte format = b.get();
            if (format != FORMAT_1 && (format != FORMAT_2 || stored.length < HEADER_2)) {
                return;
            }
            int qos = b.get();
            long modified = b.getLong();
            long expiresAt = format == FORMAT_2 ? b.getLong() : 0;
            byte[] payload = new byte[b.remaining()];
            b.get(payload);
            byTopic.put(topic, new Retained(topic, payload, qos, modified, null, expiresAt));
        });
    }

    /** Stores the message, or deletes the topic's message when the payload is empty. */
    public void retain(String topic, byte[] payload, int qos, long nowMillis) {
        retain(topic, payload, qos, nowMillis, null, 0);
    }

    /** Stores an MQTT 5 message with its properties and expiry, or deletes when the payload is empty. */
    public synchronized void retain(String topic, byte[] payload, int qos, long nowMillis,
            MessageProperties properties, long expiresAtMillis) {
        if (payload.length == 0) {
            byTopic.remove(topic);
            store.delete(CollectionNames.RETAINED, topic);
        } else {
            byTopic.put(topic, new Retained(topic, payload.clone(), qos, nowMillis, properties, expiresAtMillis));
            store.put(CollectionNames.RETAINED, topic, ByteBuffer.allocate(HEADER_2 + payload.length).put(FORMAT_2)
                    .put((byte) qos).putLong(nowMillis).putLong(expiresAtMillis).put(payload).array());
        }
    }

    /** The topic's retained message, unless it has expired. */
    public Optional<Retained> get(String topic) {
        Retained r = byTopic.get(topic);
        if (r != null && r.expired(clock.millis())) {
            forget(r);
            return Optional.empty();
        }
        return Optional.ofNullable(r);
    }

    /** Every retained message that has not expired, ordered by topic. */
    public List<Retained> list() {
        long now = clock.millis();
        byTopic.values().stream().filter(r -> r.expired(now)).toList().forEach(this::forget);
        return byTopic.values().stream().sorted(Comparator.comparing(Retained::topic)).toList();
    }

    private synchronized void forget(Retained expired) {
        if (byTopic.remove(expired.topic(), expired)) {
            store.delete(CollectionNames.RETAINED, expired.topic());
        }
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
