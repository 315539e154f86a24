package dev.iotemulator.bench.soak;

import java.util.BitSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The QoS 1 accounting of the soak: which sequence numbers the emulator acknowledged to a publisher (PUBACK), and which
 * of those a subscriber received. Acknowledged and never received is lost; received twice is a duplicate (allowed for
 * QoS 1, counted).
 */
final class Ledger {

    private final BitSet acknowledged = new BitSet();
    private final BitSet received = new BitSet();
    private final AtomicLong duplicates = new AtomicLong();

    synchronized void acknowledged(int seq) {
        acknowledged.set(seq);
    }

    synchronized void received(int seq) {
        if (received.get(seq)) {
            duplicates.incrementAndGet();
        }
        received.set(seq);
    }

    synchronized long acknowledgedCount() {
        return acknowledged.cardinality();
    }

    synchronized long receivedCount() {
        return received.cardinality();
    }

    /** Acknowledged to the publisher, not (yet) received by the subscriber. */
    synchronized long missing() {
        BitSet lost = (BitSet) acknowledged.clone();
        lost.andNot(received);
        return lost.cardinality();
    }

    long duplicates() {
        return duplicates.get();
    }
}
