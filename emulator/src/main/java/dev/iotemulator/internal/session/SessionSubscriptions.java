package dev.iotemulator.internal.session;

import dev.iotemulator.internal.broker.BrokerLink;
import dev.iotemulator.internal.mqtt.SharedFilter;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption.RetainedHandlingPolicy;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A session's subscriptions and the SUBSCRIBEs and UNSUBSCRIBEs on their way. Ordinary filters go to the broker over
 * the session's link, and the SUBACK waits for the broker's; shared ones ({@code $share/...}) join their
 * {@link SharedGroup} at once, since the broker knows nothing of them. The acknowledgement lists one reason code per
 * filter in the order the client sent them, refusals the connection decided (MQTT 5) included. Runs on the session's
 * loop.
 */
final class SessionSubscriptions {

    /** A code still to come from the broker. */
    private static final int FROM_BROKER = -1;
    private static final int NO_SUBSCRIPTION_EXISTED = 0x11;

    /** A SUBSCRIBE waiting for the broker's SUBACK and for its shared groups; complete when nothing is left. */
    private static final class Pending {
        final List<MqttTopicSubscription> requested;
        final int[] codes;
        final boolean[] isNew;
        int outstanding;

        Pending(List<MqttTopicSubscription> requested, int[] codes, boolean[] isNew) {
            this.requested = requested;
            this.codes = codes;
            this.isNew = isNew;
        }
    }

    private record PendingUnsubscribe(List<String> filters, int[] codes) {
    }

    private final Session session;
    private final SharedSubscriptions shared;
    private final Map<String, Integer> filters = new LinkedHashMap<>();
    private final Map<Integer, Pending> pendingSubscribes = new HashMap<>();
    private final Map<Integer, PendingUnsubscribe> pendingUnsubscribes = new HashMap<>();

    SessionSubscriptions(Session session, SharedSubscriptions shared) {
        this.session = session;
        this.shared = shared;
    }

    /** Every filter the session holds, shared ones included. */
    Set<String> names() {
        return filters.keySet();
    }

    /** Every filter with its granted QoS, for the store; a read-only view. */
    Map<String, Integer> asMap() {
        return java.util.Collections.unmodifiableMap(filters);
    }

    /**
     * A session restored from the store: its filters as they were. Ordinary ones are subscribed on the broker by the
     * session once its link opens; shared ones join their group now.
     */
    void restore(Map<String, Integer> saved) {
        filters.putAll(saved);
        saved.forEach((name, qos) -> SharedFilter.parse(name).ifPresent(f -> shared.join(f, session, qos)));
    }

    boolean holds(String filter) {
        return filters.containsKey(filter);
    }

    /**
     * @param refused per filter, a reason code the connection refused it with, or a negative value to subscribe it
     */
    void subscribe(int packetId, List<MqttTopicSubscription> requested, int[] refused, BrokerLink link) {
        int[] codes = Arrays.copyOf(refused, requested.size());
        boolean[] isNew = new boolean[requested.size()];
        Pending pending = new Pending(requested, codes, isNew);
        // Counts itself until the loop is done, so nothing completes the SUBACK half-way through.
        pending.outstanding = 1;
        List<MqttTopicSubscription> toBroker = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (codes[i] >= 0) {
                continue;
            }
            MqttTopicSubscription s = requested.get(i);
            int qos = Math.min(s.qualityOfService().value(), 1);
            isNew[i] = !filters.containsKey(s.topicName());
            filters.put(s.topicName(), qos);
            Optional<SharedFilter> sharedFilter = SharedFilter.parse(s.topicName());
            if (sharedFilter.isPresent()) {
                codes[i] = qos;
                pending.outstanding++;
                int index = i;
                shared.join(sharedFilter.get(), session, qos).whenComplete((ok, failure) -> session.execute(() -> {
                    if (failure != null) {
                        filters.remove(sharedFilter.get().full());
                        codes[index] = 0x80;
                    }
                    partDone(packetId, pending);
                    session.batchEnd();
                }));
            } else {
                codes[i] = FROM_BROKER;
                toBroker.add(new MqttTopicSubscription(s.topicName(), MqttQoS.valueOf(qos)));
            }
        }
        if (!toBroker.isEmpty()) {
            pending.outstanding++;
            pendingSubscribes.put(packetId, pending);
            link.subscribe(packetId, toBroker);
        }
        partDone(packetId, pending);
    }

    private void partDone(int packetId, Pending pending) {
        if (--pending.outstanding == 0) {
            complete(packetId, pending);
        }
    }

    /** The broker's SUBACK for the filters that went to it. */
    void subscribed(int packetId, List<Integer> grantedQos) {
        Pending pending = pendingSubscribes.remove(packetId);
        if (pending == null) {
            return;
        }
        int next = 0;
        for (int i = 0; i < pending.codes.length; i++) {
            if (pending.codes[i] == FROM_BROKER) {
                int code = next < grantedQos.size() ? grantedQos.get(next) : 0x80;
                next++;
                pending.codes[i] = code;
                if (code >= 0x80) {
                    filters.remove(pending.requested.get(i).topicName());
                }
            }
        }
        partDone(packetId, pending);
    }

    private void complete(int packetId, Pending pending) {
        session.writeToClient(Acks.subAck(packetId, pending.codes));
        List<String> granted = new ArrayList<>();
        for (int i = 0; i < pending.codes.length; i++) {
            int code = pending.codes[i];
            if (code >= 0x80) {
                continue;
            }
            MqttTopicSubscription s = pending.requested.get(i);
            granted.add(s.topicName());
            RetainedHandlingPolicy handling = s.option().retainHandling();
            boolean replay = handling == RetainedHandlingPolicy.SEND_AT_SUBSCRIBE
                    || handling == RetainedHandlingPolicy.SEND_AT_SUBSCRIBE_IF_NOT_YET_EXISTS && pending.isNew[i];
            if (replay && !SharedFilter.isShared(s.topicName())) {
                session.replayRetained(s.topicName(), code);
            }
        }
        session.subscriptionsChanged(true, granted);
    }

    void unsubscribe(int packetId, List<String> names, BrokerLink link) {
        int[] codes = new int[names.size()];
        List<String> toBroker = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            codes[i] = filters.remove(name) != null ? 0 : NO_SUBSCRIPTION_EXISTED;
            Optional<SharedFilter> sharedFilter = SharedFilter.parse(name);
            if (sharedFilter.isPresent()) {
                shared.leave(sharedFilter.get(), session);
            } else {
                toBroker.add(name);
            }
        }
        PendingUnsubscribe pending = new PendingUnsubscribe(names, codes);
        if (toBroker.isEmpty()) {
            completeUnsubscribe(packetId, pending);
        } else {
            pendingUnsubscribes.put(packetId, pending);
            link.unsubscribe(packetId, toBroker);
        }
    }

    void unsubscribed(int packetId) {
        PendingUnsubscribe pending = pendingUnsubscribes.remove(packetId);
        if (pending != null) {
            completeUnsubscribe(packetId, pending);
        }
    }

    private void completeUnsubscribe(int packetId, PendingUnsubscribe pending) {
        session.writeToClient(Acks.unsubAck(packetId, pending.codes(), session.clientSpeaksMqtt5()));
        session.subscriptionsChanged(false, pending.filters());
    }

    /** The session ends: it leaves its shared groups; the broker drops the rest with the link. */
    void clear() {
        for (String name : filters.keySet()) {
            SharedFilter.parse(name).ifPresent(f -> shared.leave(f, session));
        }
        filters.clear();
        pendingSubscribes.clear();
        pendingUnsubscribes.clear();
    }
}
