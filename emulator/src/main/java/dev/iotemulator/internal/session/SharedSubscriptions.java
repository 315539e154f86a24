package dev.iotemulator.internal.session;

import dev.iotemulator.internal.broker.EmbeddedBroker;
import dev.iotemulator.internal.mqtt.SharedFilter;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The shared-subscription groups, by share name and topic filter. Moquette 0.17 knows nothing of {@code $share}
 * (an MQTT 3.1.1 broker), so the gateway distributes: each group has one broker link of its own, subscribed to the
 * group's topic filter, and hands every message the broker delivers on it to exactly one member session
 * ({@link SharedGroup}). A group exists while it has members.
 */
public final class SharedSubscriptions {

    private final Map<SharedFilter, SharedGroup> groups = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private volatile EmbeddedBroker broker;

    /** The broker the groups' links go to; set once, before the first join. */
    void broker(EmbeddedBroker embeddedBroker) {
        this.broker = embeddedBroker;
    }

    /**
     * Adds {@code member} to the group of {@code filter} with the QoS it was granted; from any thread. Completes once
     * the group's subscription is in place on the broker, so that a SUBACK sent then means what it says; fails when
     * the broker refused the group's link or subscription.
     */
    CompletableFuture<Void> join(SharedFilter filter, Session member, int qos) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        joinInto(filter, member, qos, ready);
        return ready;
    }

    private void joinInto(SharedFilter filter, Session member, int qos, CompletableFuture<Void> ready) {
        SharedGroup group = groups.computeIfAbsent(filter, f -> new SharedGroup(f, member.loop(), this));
        group.execute(() -> {
            if (!group.add(member, qos)) {
                // It emptied and closed meanwhile: a fresh group takes the member.
                joinInto(filter, member, qos, ready);
                return;
            }
            group.subscribed().whenComplete((ok, failure) -> {
                if (failure != null) {
                    ready.completeExceptionally(failure);
                } else {
                    ready.complete(null);
                }
            });
        });
    }

    /** Takes {@code member} out of the group of {@code filter}, if it is in it; from any thread. */
    void leave(SharedFilter filter, Session member) {
        SharedGroup group = groups.get(filter);
        if (group != null) {
            group.execute(() -> group.remove(member));
        }
    }

    EmbeddedBroker broker() {
        return broker;
    }

    /** A broker client id for a new group's link; {@code $} ids are reserved at AWS, so no client has one. */
    String linkClientId(SharedFilter filter) {
        return "$share#" + serial.incrementAndGet();
    }

    void closed(SharedGroup group) {
        groups.remove(group.filter(), group);
    }

    /** How many groups exist, for tests and the admin API. */
    public int size() {
        return groups.size();
    }
}
