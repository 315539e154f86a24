package dev.iotemulator.internal.session;

import dev.iotemulator.internal.broker.BrokerLink;
import dev.iotemulator.internal.mqtt.SharedFilter;
import dev.iotemulator.internal.pipeline.Publish;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared subscription group: its own broker link, subscribed to the group's topic filter, and its member
 * sessions. Every message the broker delivers goes to one member, taking turns; members with a connected client come
 * first, so a persistent member whose client is away gets messages only while no member is connected. A member that
 * left while a message was on its way to it hands the message back, and it goes to another. Shared subscriptions
 * never get stored retained messages (the link subscribes, it never replays). Runs on the loop of the session that
 * created it.
 */
final class SharedGroup implements BrokerLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(SharedGroup.class);

    private record Member(Session session, int qos) {
    }

    private final SharedFilter filter;
    private final EventLoop loop;
    private final SharedSubscriptions registry;
    private final List<Member> members = new ArrayList<>();
    private final CompletableFuture<Void> subscribed = new CompletableFuture<>();
    private BrokerLink link;
    private boolean opening;
    private boolean closed;
    private int next;

    SharedGroup(SharedFilter filter, EventLoop loop, SharedSubscriptions registry) {
        this.filter = filter;
        this.loop = loop;
        this.registry = registry;
    }

    SharedFilter filter() {
        return filter;
    }

    /** Completes once the broker has confirmed the group's subscription; fails if it refused it or the link. */
    CompletableFuture<Void> subscribed() {
        return subscribed;
    }

    void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** @return false when the group has closed and cannot take members any more */
    boolean add(Session member, int qos) {
        if (closed) {
            return false;
        }
        members.removeIf(m -> m.session() == member);
        members.add(new Member(member, qos));
        if (link == null && !opening) {
            opening = true;
            registry.broker().openLink(loop, registry.linkClientId(filter), this).whenComplete((opened, failure) ->
                    execute(() -> opened(opened, failure)));
        }
        return true;
    }

    private void opened(BrokerLink opened, Throwable failure) {
        opening = false;
        if (failure != null) {
            LOG.error("event=shared_group_link_failed filter={} error=\"{}\"", filter.full(), failure.toString());
            subscribed.completeExceptionally(failure);
            close();
            return;
        }
        link = opened;
        if (closed) {
            opened.disconnect();
            return;
        }
        link.subscribe(1, List.of(new MqttTopicSubscription(filter.topicFilter(), MqttQoS.AT_LEAST_ONCE)));
        link.flush();
    }

    void remove(Session member) {
        members.removeIf(m -> m.session() == member);
        if (members.isEmpty() && !closed) {
            close();
        }
    }

    private void close() {
        closed = true;
        registry.closed(this);
        if (link != null && link.isOpen()) {
            link.disconnect();
        }
    }

    @Override
    public void delivered(String topic, byte[] payload, int qos, Object tag) {
        deliver(topic, payload, qos, (Publish) tag, members.size());
    }

    /** Hands the message to the next member; {@code tries} bounds the hand-backs of members that left. */
    private void deliver(String topic, byte[] payload, int qos, Publish extras, int tries) {
        Member chosen = choose();
        if (chosen == null || tries < 0) {
            LOG.debug("event=shared_message_dropped filter={} topic={} reason=no_member", filter.full(), topic);
            return;
        }
        Session session = chosen.session();
        Delivery delivery = new Delivery(topic, payload, Math.min(qos, chosen.qos()), false,
                extras == null ? null : extras.properties(), extras == null ? 0 : extras.expiresAtMillis(), true);
        session.execute(() -> {
            if (!session.deliverShared(filter, delivery)) {
                execute(() -> {
                    remove(session);
                    deliver(topic, payload, qos, extras, tries - 1);
                });
            }
        });
    }

    /** The next member in turn, preferring those with a connected client; null when there is none. */
    private Member choose() {
        int n = members.size();
        if (n == 0) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            Member m = members.get((next + i) % n);
            if (m.session().connected()) {
                next = (next + i + 1) % n;
                return m;
            }
        }
        Member m = members.get(next % n);
        next = (next + 1) % n;
        return m;
    }

    @Override
    public void subscribed(int packetId, List<Integer> grantedQos) {
        if (!grantedQos.isEmpty() && grantedQos.get(0) < 0x80) {
            subscribed.complete(null);
        } else {
            subscribed.completeExceptionally(new IllegalStateException("the broker refused the subscription to "
                    + filter.topicFilter() + ": " + grantedQos));
        }
    }

    @Override
    public void closed() {
        if (!closed) {
            LOG.error("event=shared_group_link_lost filter={} message=\"the embedded broker closed the shared "
                    + "subscription's link; its members get no more messages until they subscribe again\"",
                    filter.full());
            closed = true;
            subscribed.completeExceptionally(new IllegalStateException("the broker closed the link"));
            registry.closed(this);
        }
    }
}
