package dev.iotemulator.internal.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The payload bytes all sessions together may queue, on top of each session's own cap: a hundred offline persistent
 * sessions with a full queue each must not fill the heap. A message that does not fit is dropped and counted like one
 * that does not fit its session's queue.
 */
public final class QueueBudget {

    private final long maxBytes;
    private final AtomicLong used = new AtomicLong();

    public QueueBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** A quarter of the heap, and at least 64 MB. */
    public static QueueBudget ofHeap() {
        return new QueueBudget(Math.max(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 4));
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when they do not fit. */
    boolean tryTake(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void giveBack(long bytes) {
        used.addAndGet(-bytes);
    }

    public long usedBytes() {
        return used.get();
    }

    public long maxBytes() {
        return maxBytes;
    }
}
