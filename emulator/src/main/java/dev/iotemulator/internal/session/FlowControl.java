package dev.iotemulator.internal.session;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Back-pressure from slow subscribers to publishers. A connected session whose outbound backlog passes its high-water
 * mark reports itself congested; while any session is congested, MQTT publishers hold their next PUBLISHes instead of
 * routing them (and so do not acknowledge them), which fills their in-flight windows and slows them down. When the
 * last congested session drains below its low-water mark, every waiting publisher is woken.
 *
 * <p>Global rather than per topic: the broker's routing is not visible before a message is routed, and for a local
 * emulator slowing every publisher while one subscriber catches up is the simple, safe choice. A subscriber that makes
 * no progress at all is declared stalled by its session and stops counting (see {@link Session}).
 */
public final class FlowControl {

    private final AtomicInteger congested = new AtomicInteger();
    private final AtomicLong congestionEpisodes = new AtomicLong();
    private final Queue<Runnable> waiters = new ConcurrentLinkedQueue<>();

    /** Whether publishers should hold their messages now. */
    public boolean congested() {
        return congested.get() > 0;
    }

    /** A session (or the broker itself) passed its high-water mark. */
    public void enter() {
        if (congested.getAndIncrement() == 0) {
            congestionEpisodes.incrementAndGet();
        }
    }

    /** A session (or the broker) that had {@link #enter entered} drained, stalled, or went away. */
    public void leave() {
        if (congested.decrementAndGet() == 0) {
            wakeAll();
        }
    }

    /**
     * Runs {@code wake} once congestion has cleared (on the thread that clears it, or at once if it already has);
     * {@code wake} should hand over to the publisher's own thread.
     */
    public void whenClear(Runnable wake) {
        waiters.add(wake);
        if (!congested()) {
            wakeAll();
        }
    }

    private void wakeAll() {
        Runnable wake;
        while ((wake = waiters.poll()) != null) {
            wake.run();
        }
    }

    /** How many times congestion began since start. */
    public long episodes() {
        return congestionEpisodes.get();
    }

    /** How many sessions are congested now. */
    public int congestedSessions() {
        return congested.get();
    }
}
