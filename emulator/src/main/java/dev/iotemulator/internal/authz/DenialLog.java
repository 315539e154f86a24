package dev.iotemulator.internal.authz;

import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.policy.Decision;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every IoT policy denial: logged once at INFO, counted, and the latest kept for {@code /__emulator/}. */
public final class DenialLog {

    private static final Logger LOG = LoggerFactory.getLogger(DenialLog.class);
    private static final int KEEP = 100;

    private final AtomicLong count = new AtomicLong();
    private final ArrayDeque<Denial> recent = new ArrayDeque<>();
    private final List<Consumer<Denial>> listeners = new CopyOnWriteArrayList<>();

    /** One denied request and what the gateway did about it ({@code consequence}). */
    public record Denial(Instant at, String action, String resource, String principal, String clientId, Decision decision,
            String consequence) {

        public Denial(String action, String resource, String principal, String clientId, Decision decision,
                String consequence) {
            this(Instant.now(), action, resource, principal, clientId, decision, consequence);
        }
    }

    public void record(Denial denial) {
        synchronized (recent) {
            if (recent.size() == KEEP) {
                recent.removeFirst();
            }
            recent.addLast(denial);
        }
        count.incrementAndGet();
        for (Consumer<Denial> listener : listeners) {
            listener.accept(denial);
        }
        LOG.info("event=policy_denied action={} resource={} principal={} clientId={} decision={} consequence={} "
                + "reason=\"{}\"", denial.action(), LogValues.escape(denial.resource()), denial.principal(),
                LogValues.escape(denial.clientId()),
                DecisionJson.kind(denial.decision()), denial.consequence(), denial.decision().reason());
    }

    /** Also tells {@code listener} about every denial from now on, on the denying thread, until removed. */
    public void listen(Consumer<Denial> listener) {
        listeners.add(listener);
    }

    public void unlisten(Consumer<Denial> listener) {
        listeners.remove(listener);
    }

    public long count() {
        return count.get();
    }

    /** Oldest first. */
    public List<Denial> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
