package dev.iotemulator.internal.logging;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * One kind of repeated event, logged at most once per interval with how often it happened since: a thousand refused
 * connections make one line, not a thousand. The first occurrence is logged at once.
 */
public final class RateLimitedLog {

    private final Logger logger;
    private final Level level;
    private final long intervalNanos;
    private final AtomicLong since = new AtomicLong();
    private final AtomicLong total = new AtomicLong();
    private final AtomicLong lastLogged;

    public RateLimitedLog(Logger logger, Level level, long intervalMillis) {
        this.logger = logger;
        this.level = level;
        this.intervalNanos = intervalMillis * 1_000_000;
        this.lastLogged = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /**
     * Counts one occurrence; logs {@code line} (a {@code key=value} line whose values are already escaped) with
     * {@code count=} and {@code total=} when the interval has passed.
     */
    public void count(String line) {
        long all = total.incrementAndGet();
        long pending = since.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= intervalNanos && lastLogged.compareAndSet(last, now)) {
            since.addAndGet(-pending);
            logger.atLevel(level).log("{} count={} total={}", line, pending, all);
        }
    }

    /** How many occurrences in all. */
    public long total() {
        return total.get();
    }
}
