package dev.iotemulator.internal.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.store.Batch;
import dev.iotemulator.internal.store.CollectionNames;
import dev.iotemulator.internal.store.DocumentStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable part of persistent sessions, so that they outlive the emulator as AWS IoT's outlive a connection: each
 * session's subscriptions and when its client went away ({@value CollectionNames#SESSIONS}), and the QoS 1 messages
 * it holds ({@value CollectionNames#SESSION_MESSAGES}), written as they are queued for an absent client and deleted
 * as the client acknowledges them.
 */
public final class SessionStore {

    private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char SEPARATOR = '\u0000';

    /** A session as the store has it. {@code awaySinceMillis} 0: its client was connected when it was written. */
    record Saved(String clientId, Map<String, Integer> subscriptions, long awaySinceMillis, List<Delivery> messages) {
    }

    private final DocumentStore store;
    private final AtomicLong sequence = new AtomicLong();

    public SessionStore(DocumentStore store) {
        this.store = store;
    }

    /** Every stored session with its messages in the order they were queued. */
    List<Saved> load() {
        Map<String, List<Delivery>> messages = new LinkedHashMap<>();
        store.entries(CollectionNames.SESSION_MESSAGES).forEach((key, bytes) -> {
            int at = key.lastIndexOf(SEPARATOR);
            long seq = Long.parseLong(key.substring(at + 1));
            sequence.accumulateAndGet(seq, Math::max);
            messages.computeIfAbsent(key.substring(0, at), k -> new ArrayList<>()).add(decode(bytes, seq));
        });
        List<Saved> saved = new ArrayList<>();
        store.entries(CollectionNames.SESSIONS).forEach((clientId, bytes) -> {
            try {
                JsonNode json = JSON.readTree(bytes);
                Map<String, Integer> subscriptions = new LinkedHashMap<>();
                json.path("subscriptions").fields().forEachRemaining(e -> subscriptions.put(e.getKey(),
                        e.getValue().asInt()));
                saved.add(new Saved(clientId, subscriptions, json.path("awaySince").asLong(),
                        messages.getOrDefault(clientId, List.of())));
            } catch (IOException e) {
                LOG.warn("event=session_not_restored clientId={} message=\"its stored state is not JSON: {}\"",
                        clientId, e.getMessage());
            }
        });
        return saved;
    }

    /** Writes a session's subscriptions and when its client left (0 while it is connected). */
    void saveState(String clientId, Map<String, Integer> subscriptions, long awaySinceMillis) {
        store.apply(stateBatch(new Batch(), clientId, subscriptions, awaySinceMillis));
    }

    /**
     * Writes the state and every message not yet written, in one commit; returns the messages as stored, in the
     * same order.
     */
    List<Delivery> saveAll(String clientId, Map<String, Integer> subscriptions, long awaySinceMillis,
            Collection<Delivery> held) {
        Batch batch = stateBatch(new Batch(), clientId, subscriptions, awaySinceMillis);
        List<Delivery> stored = new ArrayList<>(held.size());
        for (Delivery d : held) {
            stored.add(d.isStored() || d.qos() == 0 ? d : add(batch, clientId, d));
        }
        store.apply(batch);
        return stored;
    }

    /** Writes one message queued for an absent client; returns it with its sequence number. */
    Delivery saveMessage(String clientId, Delivery d) {
        Batch batch = new Batch();
        Delivery stored = add(batch, clientId, d);
        store.apply(batch);
        return stored;
    }

    /** The client acknowledged a stored message, or it will never be delivered. */
    void deleteMessage(String clientId, Delivery d) {
        if (d.isStored()) {
            store.delete(CollectionNames.SESSION_MESSAGES, key(clientId, d.storeSeq()));
        }
    }

    /** The session has ended: its state and the given stored messages go. */
    void forget(String clientId, Collection<Delivery> held) {
        Batch batch = new Batch().delete(CollectionNames.SESSIONS, clientId);
        held.stream().filter(Delivery::isStored).forEach(d -> batch.delete(CollectionNames.SESSION_MESSAGES,
                key(clientId, d.storeSeq())));
        store.apply(batch);
    }

    /** Forgets every session: admin reset. */
    void clear() {
        store.apply(new Batch().clear(CollectionNames.SESSIONS).clear(CollectionNames.SESSION_MESSAGES));
    }

    private Delivery add(Batch batch, String clientId, Delivery d) {
        Delivery stored = d.stored(sequence.incrementAndGet());
        batch.put(CollectionNames.SESSION_MESSAGES, key(clientId, stored.storeSeq()), encode(stored));
        return stored;
    }

    private static Batch stateBatch(Batch batch, String clientId, Map<String, Integer> subscriptions, long away) {
        ObjectNode json = JSON.createObjectNode().put("awaySince", away);
        ObjectNode subs = json.putObject("subscriptions");
        subscriptions.forEach(subs::put);
        return batch.put(CollectionNames.SESSIONS, clientId, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String key(String clientId, long seq) {
        return clientId + SEPARATOR + String.format("%019d", seq);
    }

    /** QoS, topic length, topic, payload. */
    private static byte[] encode(Delivery d) {
        byte[] topic = d.topic().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 4 + topic.length + d.payload().length).put((byte) d.qos())
                .putInt(topic.length).put(topic).put(d.payload()).array();
    }

    private static Delivery decode(byte[] bytes, long seq) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int qos = b.get();
        byte[] topic = new byte[b.getInt()];
        b.get(topic);
        byte[] payload = new byte[b.remaining()];
        b.get(payload);
        return new Delivery(new String(topic, StandardCharsets.UTF_8), payload, qos, false).stored(seq);
    }
}
