package dev.iotemulator.bench;

import java.util.BitSet;

/**
 * Counts what one receiver got out of a stream of {@code expected} numbered messages: unique, duplicate, unexpected.
 * Not thread-safe: each receiver owns one, and ledgers are {@linkplain #merge merged} when the scenario ends.
 */
final class DeliveryLedger {

    private final long expected;
    private final BitSet seen;
    private long unique;
    private long duplicates;
    private long unexpected;

    DeliveryLedger(long expected) {
        if (expected < 0 || expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected must be 0.." + Integer.MAX_VALUE + ", not " + expected);
        }
        this.expected = expected;
        this.seen = new BitSet((int) expected);
    }

    private DeliveryLedger(long expected, long unique, long duplicates, long unexpected) {
        this.expected = expected;
        this.seen = null;
        this.unique = unique;
        this.duplicates = duplicates;
        this.unexpected = unexpected;
    }

    /** Records sequence number {@code seq}; answers whether it is the first copy of an expected message. */
    boolean record(long seq) {
        if (seq < 0 || seq >= expected) {
            unexpected++;
            return false;
        }
        if (seen.get((int) seq)) {
            duplicates++;
            return false;
        }
        seen.set((int) seq);
        unique++;
        return true;
    }

    long expected() {
        return expected;
    }

    long unique() {
        return unique;
    }

    long lost() {
        return expected - unique;
    }

    long duplicates() {
        return duplicates;
    }

    long unexpected() {
        return unexpected;
    }

    boolean complete() {
        return unique == expected;
    }

    /** The totals of several receivers (the result cannot record further messages). */
    static DeliveryLedger merge(Iterable<DeliveryLedger> ledgers) {
        long expected = 0;
        long unique = 0;
        long duplicates = 0;
        long unexpected = 0;
        for (DeliveryLedger l : ledgers) {
            expected += l.expected;
            unique += l.unique;
            duplicates += l.duplicates;
            unexpected += l.unexpected;
        }
        return new DeliveryLedger(expected, unique, duplicates, unexpected);
    }
}
