package dev.iotemulator.internal.journal;

import dev.iotemulator.JournalEntry;
import dev.iotemulator.JournalEntry.Kind;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The bounded, lock-free record of what happened: a ring of the latest {@code capacity} entries, oldest overwritten.
 * Recording is an atomic increment and an array store, plus a call to each listener of which there is usually none.
 * A capacity of 0 turns recording off.
 */
public final class Journal {

    public static final int DEFAULT_CAPACITY = 10_000;
    private static final byte[] NONE = new byte[0];

    private record Slot(long sequence, JournalEntry entry) {
    }

    private final int capacity;
    private final AtomicReferenceArray<Slot> ring;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong clearedBefore = new AtomicLong();
    private final List<Consumer<JournalEntry>> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;

    public Journal(int capacity, Clock clock) {
        if (capacity < 0) {
            throw new IllegalArgumentException("journal capacity must be 0 or more, not " + capacity);
        }
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(Math.max(capacity, 1));
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
        record(Kind.PUBLISH, clientId, principal, topic, payload, qos, retain, null, source);
    }

    public void deliver(String clientId, String principal, String topic, byte[] payload, int qos, boolean retain) {
        record(Kind.DELIVERY, clientId, principal, topic, payload, qos, retain, null, null);
    }

    public void denial(String clientId, String principal, String action, String resource, String consequence) {
        record(Kind.DENIAL, clientId, principal, null, NONE, 0, false, action + " " + resource + " " + consequence,
                null);
    }

    private void record(Kind kind, String clientId, String principal, String topic, byte[] payload, int qos,
            boolean retain, String detail, String source) {
        if (capacity == 0) {
            return;
        }
        JournalEntry entry = new JournalEntry(kind, clock.instant(), clientId, principal, topic, payload, qos, retain,
                detail, source);
        long sequence = next.getAndIncrement();
        ring.set((int) (sequence % capacity), new Slot(sequence, entry));
        for (Consumer<JournalEntry> listener : listeners) {
            listener.accept(entry);
        }
    }

    /** The entries kept since the last {@link #clear()}, oldest first. */
    public List<JournalEntry> entries() {
        long end = next.get();
        long start = Math.max(clearedBefore.get(), end - capacity);
        List<JournalEntry> out = new ArrayList<>((int) Math.max(0, end - start));
        for (long s = start; s < end; s++) {
            Slot slot = ring.get((int) (s % capacity));
            if (slot != null && slot.sequence() == s) {
                out.add(slot.entry());
            }
        }
        return out;
    }

    /** Forgets every entry recorded so far. */
    public void clear() {
        clearedBefore.set(next.get());
    }

    /** Calls {@code listener} with every entry recorded from now on, on the recording thread, until removed. */
    public void listen(Consumer<JournalEntry> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<JournalEntry> listener) {
        listeners.remove(listener);
    }
}
