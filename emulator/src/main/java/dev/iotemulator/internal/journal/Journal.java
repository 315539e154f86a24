package dev.iotemulator.internal.journal;

import dev.iotemulator.JournalEntry;
import dev.iotemulator.MessageProperties;
import dev.iotemulator.JournalEntry.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The bounded record of what happened: the latest {@code capacity} entries, and no more than {@code maxPayloadBytes}
 * of their payloads (oldest dropped first), so that a journal of large messages cannot take the heap. Recording is a
 * few field updates under a lock held for nanoseconds, plus a call to each listener (usually none). A capacity of 0
 * turns recording off.
 */
public final class Journal {

    public static final int DEFAULT_CAPACITY = 10_000;
    /** The payload bytes the journal keeps at most by default (a PUBLISH and its DELIVERY count separately). */
    public static final long DEFAULT_MAX_PAYLOAD_BYTES = 32L * 1024 * 1024;
    private static final byte[] NONE = new byte[0];

    private record Slot(long sequence, JournalEntry entry) {
    }

    private final int capacity;
    private final long maxPayloadBytes;
    private final Slot[] ring;
    private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private long next;
    /** The oldest sequence still kept. */
    private long first;
    private long payloadBytes;

    public Journal(int capacity, Clock clock) {
        this(capacity, DEFAULT_MAX_PAYLOAD_BYTES, clock);
    }

    /** @param maxPayloadBytes the payload bytes kept at most; the newest entry is kept whatever its size */
    public Journal(int capacity, long maxPayloadBytes, Clock clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("journal capacity must be 0 or more, not " + capacity);
        }
        this.capacity = capacity;
        this.maxPayloadBytes = maxPayloadBytes;
        this.ring = new Slot[Math.max(capacity, 1)];
        this.clock = clock;
    }

    public boolean enabled() {
        return capacity > 0;
    }

    public void connect(String clientId, String principal, String transport) {
        record(Kind.CONNECT, clientId, principal, null, NONE, 0, false, transport, null);
    }

    public void disconnect(String clientId, String principal, String reason) {
        record(Kind.DISCONNECT, clientId, principal, null, NONE, 0, false, reason, null);
    }

    public void subscribe(String clientId, String principal, String filter, int qos) {
        record(Kind.SUBSCRIBE, clientId, principal, filter, NONE, qos, false, null, null);
    }

    /** @param source where the message came from: {@code mqtt}, {@code http}, {@code admin} or {@code service} */
    public void publish(String clientId, String principal, String topic, byte[] payload, int qos, boolean retain,
            String source) {
        publish(clientId, principal, topic, payload, qos, retain, source, null);
    }

    /** @param properties the message's MQTT 5 properties, or null */
    public void publish(String clientId, String principal, String topic, byte[] payload, int qos, boolean retain,
            String source, MessageProperties properties) {
        record(Kind.PUBLISH, clientId, principal, topic, payload, qos, retain, null, source, properties);
    }

    public void deliver(String clientId, String principal, String topic, byte[] payload, int qos, boolean retain) {
        deliver(clientId, principal, topic, payload, qos, retain, null);
    }

    /** @param properties the message's MQTT 5 properties, or null */
    public void deliver(String clientId, String principal, String topic, byte[] payload, int qos, boolean retain,
            MessageProperties properties) {
        record(Kind.DELIVERY, clientId, principal, topic, payload, qos, retain, null, null, properties);
    }

    public void denial(String clientId, String principal, String action, String resource, String consequence) {
        record(Kind.DENIAL, clientId, principal, null, NONE, 0, false, action + " " + resource + " " + consequence,
                null);
    }

    /** A message dropped on its way to {@code clientId}, for {@code reason}; its payload is not kept. */
    public void drop(String clientId, String topic, int qos, String reason) {
        record(Kind.DROP, clientId, null, topic, NONE, qos, false, reason, null);
    }

    private void record(Kind kind, String clientId, String principal, String topic, byte[] payload, int qos,
            boolean retain, String detail, String source) {
        record(kind, clientId, principal, topic, payload, qos, retain, detail, source, null);
    }

    private void record(Kind kind, String clientId, String principal, String topic, byte[] payload, int qos,
            boolean retain, String detail, String source, MessageProperties properties) {
        if (capacity == 0) {
            return;
        }
        JournalEntry entry = new JournalEntry(kind, clock.instant(), clientId, principal, topic, payload, qos, retain,
                detail, source, properties);
        synchronized (this) {
            long sequence = next++;
            if (sequence - capacity >= first) {
                forgetOldest();
            }
            ring[(int) (sequence % capacity)] = new Slot(sequence, entry);
            payloadBytes += payload.length;
            while (payloadBytes > maxPayloadBytes && first < sequence) {
                forgetOldest();
            }
        }
        for (Consumer<JournalEntry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /** Drops the oldest entry kept; holds the lock. */
    private void forgetOldest() {
        int index = (int) (first % capacity);
        Slot oldest = ring[index];
        if (oldest != null && oldest.sequence() == first) {
            payloadBytes -= oldest.entry().payload().length;
            ring[index] = null;
        }
        first++;
    }

    /** The entries kept since the last {@link #clear()}, oldest first. */
    public synchronized List<JournalEntry> entries() {
        List<JournalEntry> out = new ArrayList<>((int) (next - first));
        for (long s = first; s < next; s++) {
            Slot slot = ring[(int) (s % capacity)];
            if (slot != null && slot.sequence() == s) {
                out.add(slot.entry());
            }
        }
        return out;
    }

    /** Forgets every entry recorded so far. */
    public synchronized void clear() {
        while (first < next) {
            forgetOldest();
        }
    }

    /** Calls {@code listener} with every entry recorded from now on, on the recording thread, until removed. */
    public void listen(Consumer<JournalEntry> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<JournalEntry> listener) {
        listeners.remove(listener);
    }
}
