package dev.iotemulator.internal.rules;

import dev.iotemulator.RuleExecution;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * The latest rule executions (at most {@value #CAPACITY}), oldest first, for the explain route and
 * {@code awaitRuleExecution}. Waiters are woken by each new record.
 */
public final class RuleExecutions {

    static final int CAPACITY = 1000;

    private final Deque<RuleExecution> kept = new ArrayDeque<>();
    private long next;

    public synchronized long nextSequence() {
        return next++;
    }

    public synchronized void record(RuleExecution execution) {
        if (kept.size() == CAPACITY) {
            kept.removeFirst();
        }
        kept.addLast(execution);
        notifyAll();
    }

    public synchronized List<RuleExecution> all() {
        return List.copyOf(kept);
    }

    public synchronized void clear() {
        kept.clear();
    }

    /** The first kept execution satisfying {@code which}, waiting up to {@code timeout}; null on time-out. */
    public synchronized RuleExecution await(Predicate<RuleExecution> which, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (RuleExecution e : new ArrayList<>(kept)) {
                if (which.test(e)) {
                    return e;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
