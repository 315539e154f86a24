package dev.iotemulator.bench;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber's receiving end: reads the sequence number and send time every benchmark payload starts with,
 * counts it in a {@link DeliveryLedger} and records its latency. Runs on the subscriber's event loop only.
 */
final class Inbox implements BenchClient.Receiver {

    final DeliveryLedger ledger;
    final LatencyRecorder latencies;
    private final AtomicLong uniqueDelivered;
    private volatile long lastDeliveryNanos;

    Inbox(int expected, AtomicLong uniqueDelivered) {
        this.ledger = new DeliveryLedger(expected);
        this.latencies = new LatencyRecorder(expected);
        this.uniqueDelivered = uniqueDelivered;
    }

    @Override
    public void onMessage(ByteBuf payload) {
        long now = System.nanoTime();
        if (payload.readableBytes() < 16) {
            ledger.record(-1);
            return;
        }
        long seq = payload.getLong(payload.readerIndex());
        long sentNanos = payload.getLong(payload.readerIndex() + 8);
        if (ledger.record(seq)) {
            latencies.record(now - sentNanos);
            lastDeliveryNanos = now;
            uniqueDelivered.incrementAndGet();
        }
    }

    long lastDeliveryNanos() {
        return lastDeliveryNanos;
    }

    /** A payload of {@code size} bytes: sequence number, send time ({@link System#nanoTime()}), zero padding. */
    static ByteBuf payload(io.netty.buffer.ByteBufAllocator alloc, long seq, int size) {
        ByteBuf buf = alloc.buffer(size);
        buf.writeLong(seq).writeLong(System.nanoTime()).writeZero(size - 16);
        return buf;
    }
}
