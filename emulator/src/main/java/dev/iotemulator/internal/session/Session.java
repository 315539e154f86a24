package dev.iotemulator.internal.session;

import dev.iotemulator.internal.broker.BrokerLink;
import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.mqtt.AwsTopics;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.mqtt.SharedFilter;
import dev.iotemulator.internal.pipeline.DeliveryCheck;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.ReceivePermission;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One MQTT session, kept by the gateway rather than the broker, so that it outlives its connection as AWS IoT's
 * persistent sessions do and its client gets AWS's flow control: its subscriptions, its link to the broker (which
 * stays open while a persistent session's client is away), and the messages on their way to the client (a queue and
 * the in-flight QoS 1 window, 100 as at AWS, or less when an MQTT 5 client's Receive Maximum says so). An MQTT 5
 * session keeps its own expiry (the CONNECT's Session Expiry Interval, which the DISCONNECT may lower), and a 3.1.1
 * session is never resumed by an MQTT 5 connection or the other way round (developer guide, "MQTT").
 *
 * <p>Every method runs on the session's event loop, the loop of its broker link: call them through {@link #execute}.
 * A new session is created on its client's loop, so for most connections that costs nothing.
 */
public final class Session implements BrokerLink.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final int MAX_PACKET_ID = 65535;

    private final String clientId;
    private final boolean mqtt5;
    private final EventLoop loop;
    private final SessionContext context;
    private final SessionRegistry registry;
    private final SessionSubscriptions subscriptions;
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final LinkedHashMap<Integer, Delivery> inFlight = new LinkedHashMap<>();
    private final List<Runnable> waitingForLink = new ArrayList<>();
    private long queuedBytes;
    private int nextPacketId = 1;
    private BrokerLink link;
    private SessionClient client;
    private boolean delivering;
    private boolean pumpNeeded;
    private boolean flushNeeded;
    private boolean congested;
    private boolean stalled;
    private long lastProgressNanos = System.nanoTime();
    private ScheduledFuture<?> expiry;
    private ScheduledFuture<?> stallCheck;
    private volatile boolean ended;
    private volatile boolean hasClient;
    /** How long the session outlives its connection; 0 = it ends with it. */
    private volatile long expiryMillis;
    /** When a persistent session's client went away; 0 while it is connected. */
    private long awaySinceMillis;
    /** Filters to subscribe on the broker once the link opens: a session restored from the store. */
    private List<MqttTopicSubscription> restoredFilters = List.of();

    Session(String clientId, long expiryMillis, boolean mqtt5, EventLoop loop, SessionContext context,
            SessionRegistry registry) {
        this.clientId = clientId;
        this.expiryMillis = expiryMillis;
        this.mqtt5 = mqtt5;
        this.loop = loop;
        this.context = context;
        this.registry = registry;
        this.subscriptions = new SessionSubscriptions(this, context.shared());
    }

    public String clientId() {
        return clientId;
    }

    /** Whether the session outlives its connection. */
    public boolean persistent() {
        return expiryMillis > 0;
    }

    /** Whether it was started by an MQTT 5 connection (only such connections resume it). */
    public boolean mqtt5() {
        return mqtt5;
    }

    /** A new expiry from the client: an MQTT 5 CONNECT resuming the session, or its DISCONNECT. */
    public void expiry(long millis) {
        expiryMillis = millis;
    }

    /** Whether a client is attached now; read from other loops (shared subscription groups). */
    boolean connected() {
        return hasClient;
    }

    /**
     * Whether a client is attached now (the one that asks has left, so any attached client is another), and the
     * session has not ended; for an MQTT 5 delayed Will.
     */
    public boolean connectedToAnotherClient() {
        return hasClient && !ended;
    }

    EventLoop loop() {
        return loop;
    }

    boolean ended() {
        return ended;
    }

    /** Whether the caller runs on the session's loop, where its methods may be called directly. */
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    /** Runs {@code task} on the session's loop: at once when already there, otherwise as a task. */
    public void execute(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    /** Opens the broker link. Clients that attach meanwhile wait for it, in the order they came. */
    void open(String brokerClientId) {
        context.broker().openLink(loop, brokerClientId, this).whenComplete((opened, failure) -> execute(() -> {
            if (failure != null) {
                LOG.error("event=broker_link_failed clientId={} error=\"{}\"", LogValues.escape(clientId),
                        failure.toString());
                end(DisconnectReason.SERVER_ERROR);
            } else {
                link = opened;
                if (ended) {
                    opened.disconnect();
                } else if (!restoredFilters.isEmpty()) {
                    opened.subscribe(nextPacketId(), restoredFilters);
                    opened.flush();
                    restoredFilters = List.of();
                }
            }
            List<Runnable> waiting = List.copyOf(waitingForLink);
            waitingForLink.clear();
            waiting.forEach(Runnable::run);
        }));
    }

    /**
     * Attaches {@code newClient} once the broker link is open; completes with the session's subscriptions then, or
     * with null when the session ended first. May be called from any thread.
     */
    CompletableFuture<List<String>> attachWhenOpen(SessionClient newClient) {
        CompletableFuture<List<String>> attached = new CompletableFuture<>();
        execute(() -> {
            Runnable attach = () -> attached.complete(attach(newClient) ? List.copyOf(subscriptions.names()) : null);
            if (link == null && !ended) {
                waitingForLink.add(attach);
            } else {
                attach.run();
            }
        });
        return attached;
    }

    /**
     * Makes {@code newClient} the session's client; a client attached before is told the session was taken over.
     * Deliveries wait until {@link #startDelivering()}, so they follow the client's CONNACK.
     *
     * @return false when the session has ended meanwhile
     */
    private boolean attach(SessionClient newClient) {
        if (ended) {
            return false;
        }
        if (client != null && client != newClient) {
            SessionClient previous = client;
            detachClient();
            previous.closeFromSession(DisconnectReason.DUPLICATE_CLIENTID);
        }
        if (expiry != null) {
            expiry.cancel(false);
            expiry = null;
        }
        client = newClient;
        hasClient = true;
        delivering = false;
        if (persistent() && awaySinceMillis != 0) {
            awaySinceMillis = 0;
            persistState();
        }
        return true;
    }

    /**
     * Takes over a persistent session the store kept: its subscriptions (subscribed on the broker once the link is
     * open) and its messages, with the rest of its expiry; on the session's loop, before {@link #open}.
     */
    void restore(SessionStore.Saved saved, long nowMillis) {
        subscriptions.restore(saved.subscriptions());
        restoredFilters = saved.subscriptions().entrySet().stream().filter(e -> !SharedFilter.isShared(e.getKey()))
                .map(e -> new MqttTopicSubscription(e.getKey(), MqttQoS.valueOf(e.getValue()))).toList();
        for (Delivery d : saved.messages()) {
            if (context.budget().tryTake(d.payload().length)) {
                queue.add(d);
                queuedBytes += d.payload().length;
            } else {
                context.store().deleteMessage(clientId, d);
                context.drops().dropped(DropCounters.Reason.SESSION_QUEUE_FULL, clientId, d.topic(), d.qos());
            }
        }
        awaySinceMillis = saved.awaySinceMillis() == 0 ? nowMillis : saved.awaySinceMillis();
        long left = Math.max(0, awaySinceMillis + expiryMillis - nowMillis);
        expiry = loop.schedule(this::expire, left, TimeUnit.MILLISECONDS);
    }

    /**
     * The client has its CONNACK: resends what it had not acknowledged (DUP set, same packet ids, as MQTT requires
     * for a resumed session), then delivers the queue.
     */
    public void startDelivering() {
        if (client == null || ended) {
            return;
        }
        delivering = true;
        Channel channel = client.channel();
        long now = System.currentTimeMillis();
        for (Iterator<Map.Entry<Integer, Delivery>> it = inFlight.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Integer, Delivery> entry = it.next();
            Delivery d = entry.getValue();
            MqttPublishMessage resend = d.expired(now) || !client.receivePermission().mayReceive(d.topic()) ? null
                    : client.publishFor(d, entry.getKey(), true);
            if (resend == null) {
                it.remove();
                context.store().deleteMessage(clientId, d);
                continue;
            }
            channel.write(resend);
            flushNeeded = true;
        }
        pump();
        flushClient();
    }

    /** The client went away; a persistent session waits for it until its expiry, a clean one ends. */
    public void detach(SessionClient leaving) {
        if (client != leaving) {
            return;
        }
        detachClient();
        if (!persistent()) {
            end(null);
        } else if (!ended) {
            awaySinceMillis = System.currentTimeMillis();
            persistHeld();
            expiry = loop.schedule(this::expire, expiryMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** A persistent session's subscriptions, as the store keeps them. */
    private void persistState() {
        if (persistent() && !ended) {
            context.store().saveState(clientId, kind(), subscriptions.asMap(), awaySinceMillis);
        }
    }

    private SessionStore.Kind kind() {
        return new SessionStore.Kind(mqtt5, expiryMillis);
    }

    /** Writes the state and every QoS 1 message the session holds, so they outlive the emulator. */
    private void persistHeld() {
        List<Delivery> held = new ArrayList<>(inFlight.values());
        held.addAll(queue);
        List<Delivery> stored = context.store().saveAll(clientId, kind(), subscriptions.asMap(), awaySinceMillis,
                held);
        Iterator<Delivery> it = stored.iterator();
        inFlight.replaceAll((id, d) -> it.next());
        queue.clear();
        it.forEachRemaining(queue::add);
    }

    private void detachClient() {
        client = null;
        hasClient = false;
        delivering = false;
        updateCongestion();
    }

    private void expire() {
        expiry = null;
        if (client == null) {
            LOG.debug("event=session_expired clientId={} queued={}", LogValues.escape(clientId), queue.size());
            end(null);
        }
    }

    /**
     * Ends the session: its client (if any) is closed for {@code reason}, its broker link and subscriptions go, and
     * what it held is dropped, from the store too. Completes once the client has closed and the broker link is gone.
     */
    public CompletableFuture<Void> end(DisconnectReason reason) {
        return end(reason, true);
    }

    /**
     * {@link #end(DisconnectReason)}; with {@code forget} false (the emulator stops), a persistent session is written
     * to the store instead of deleted from it, to be restored at the next start.
     */
    CompletableFuture<Void> end(DisconnectReason reason, boolean forget) {
        if (ended) {
            return CompletableFuture.completedFuture(null);
        }
        if (persistent() && !forget) {
            if (awaySinceMillis == 0) {
                awaySinceMillis = System.currentTimeMillis();
            }
            persistHeld();
        } else if (persistent()) {
            List<Delivery> held = new ArrayList<>(inFlight.values());
            held.addAll(queue);
            context.store().forget(clientId, held);
        }
        ended = true;
        SessionClient attached = client;
        detachClient();
        CompletableFuture<Void> clientClosed = attached != null && reason != null
                ? attached.closeFromSession(reason) : CompletableFuture.completedFuture(null);
        if (expiry != null) {
            expiry.cancel(false);
        }
        queue.clear();
        context.budget().giveBack(queuedBytes);
        queuedBytes = 0;
        inFlight.clear();
        subscriptions.clear();
        registry.ended(this);
        CompletableFuture<Void> linkClosed = link != null && link.isOpen() ? link.disconnect()
                : CompletableFuture.completedFuture(null);
        return CompletableFuture.allOf(clientClosed, linkClosed);
    }

    /** {@link #end} from any thread. */
    CompletableFuture<Void> endFromAnyThread(DisconnectReason reason, boolean forget) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        execute(() -> end(reason, forget).whenComplete((ignored, failure) -> done.complete(null)));
        return done;
    }

    // ---- from the client -------------------------------------------------------------------------------------

    /**
     * Routes the client's PUBLISH over the session's link; for QoS 1 the broker's PUBACK reaches the client.
     *
     * @param extras the message, when it carries MQTT 5 properties or an expiry for the subscribers; else null
     */
    public void forward(String topic, byte[] payload, int qos, int packetId, Publish extras) {
        if (link != null && !ended) {
            link.publish(topic, payload, qos, packetId, extras);
        }
    }

    /**
     * Subscribes: ordinary filters on the broker, shared ones in their group; the SUBACK goes to the client once
     * every filter is settled.
     *
     * @param refused per filter, the reason code the connection refused it with (MQTT 5), or a negative value
     */
    public void subscribe(int packetId, List<MqttTopicSubscription> filters, int[] refused) {
        subscriptions.subscribe(packetId, filters, refused, link);
    }

    public void unsubscribe(int packetId, List<String> filters) {
        subscriptions.unsubscribe(packetId, filters, link);
    }

    /** The client acknowledged a delivery. */
    public void clientAcked(int packetId) {
        Delivery acked = inFlight.remove(packetId);
        if (acked != null) {
            context.store().deleteMessage(clientId, acked);
            progress();
            pumpNeeded = true;
        }
    }

    /**
     * The end of a batch of the client's packets, or its channel became writable: deliver what can go now, then send
     * what was written to the broker and to the client.
     */
    public void batchEnd() {
        if (pumpNeeded) {
            pump();
        }
        if (link != null) {
            link.flush();
        }
        flushClient();
    }

    /** The client's channel can take more. */
    public void writable() {
        pumpNeeded = true;
        batchEnd();
    }

    // ---- from the broker -------------------------------------------------------------------------------------

    @Override
    public void delivered(String topic, byte[] payload, int qos, Object tag) {
        // The broker matches the MQTT way (a/# matches a, # matches $ topics, such as the broker's own canary):
        // what no subscription matches the AWS way is not queued at all.
        if (ended || !DeliveryCheck.allows(subscriptions.names(), topic, ReceivePermission.ANY)) {
            return;
        }
        Publish extras = (Publish) tag;
        enqueue(extras == null ? new Delivery(topic, payload, qos, false) : new Delivery(topic, payload, qos, false,
                extras.properties(), extras.expiresAtMillis(), false));
    }

    /**
     * A message a shared subscription group chose this session for.
     *
     * @return false when the session no longer holds that shared subscription (or has ended): the group picks
     *     another member
     */
    boolean deliverShared(SharedFilter filter, Delivery delivery) {
        if (ended || !subscriptions.holds(filter.full())) {
            return false;
        }
        enqueue(delivery);
        batchEnd();
        return true;
    }

    @Override
    public void published(int packetId) {
        if (client != null) {
            client.channel().write(MqttMessageBuilders.pubAck().packetId(packetId).build());
            flushNeeded = true;
        }
    }

    @Override
    public void subscribed(int packetId, List<Integer> grantedQos) {
        subscriptions.subscribed(packetId, grantedQos);
    }

    @Override
    public void unsubscribed(int packetId) {
        subscriptions.unsubscribed(packetId);
    }

    /** Writes an acknowledgement to the client, if one is attached; it goes out with the batch. */
    void writeToClient(MqttMessage ack) {
        if (client != null) {
            client.channel().write(ack);
            flushNeeded = true;
        }
    }

    /** Whether the attached client speaks MQTT 5; false when none is attached. */
    boolean clientSpeaksMqtt5() {
        return client != null && client.mqtt5();
    }

    /**
     * A SUBSCRIBE or UNSUBSCRIBE is settled and its acknowledgement written (it goes out with the batch): the store
     * gets the subscriptions first, then the client's lifecycle event.
     */
    void subscriptionsChanged(boolean subscribed, List<String> filters) {
        persistState();
        if (client != null) {
            client.subscriptionsChanged(subscribed, filters);
        }
    }

    @Override
    public void brokerBatchEnd() {
        batchEnd();
    }

    @Override
    public void closed() {
        if (!ended) {
            LOG.error("event=broker_link_lost clientId={} message=\"the embedded broker closed this session's link; "
                    + "the client is disconnected and may reconnect\"", LogValues.escape(clientId));
            end(DisconnectReason.SERVER_ERROR);
        }
    }

    /**
     * AWS IoT sends a stored retained message on SUBSCRIBE only for a filter naming exactly its topic, with RETAIN set
     * on that copy only (developer guide, "MQTT", retained messages).
     */
    void replayRetained(String filter, int grantedQos) {
        if (!AwsTopics.isExact(filter)) {
            return;
        }
        Optional<RetainedStore.Retained> retained = context.retained().get(filter);
        retained.ifPresent(r -> enqueue(new Delivery(filter, r.payload(), Math.min(r.qos(), grantedQos), true,
                r.properties(), r.expiresAtMillis(), false)));
    }

    // ---- the outbound queue ----------------------------------------------------------------------------------

    private void enqueue(Delivery d) {
        SessionLimits limits = context.limits();
        if (queue.size() >= limits.maxQueuedMessages() || queuedBytes + d.payload().length > limits.maxQueuedBytes()
                || !context.budget().tryTake(d.payload().length)) {
            context.drops().dropped(DropCounters.Reason.SESSION_QUEUE_FULL, clientId, d.topic(), d.qos());
            return;
        }
        queue.add(persistent() && client == null && d.qos() > 0 ? context.store().saveMessage(clientId, d) : d);
        queuedBytes += d.payload().length;
        pumpNeeded = true;
        updateCongestion();
    }

    /** Writes queued messages while the client's channel is writable and its in-flight window has room. */
    private void pump() {
        pumpNeeded = false;
        if (client == null || !delivering) {
            return;
        }
        Channel channel = client.channel();
        int window = Math.min(context.limits().inFlight(), client.receiveMaximum());
        boolean wrote = false;
        long now = 0;
        while (!queue.isEmpty() && channel.isWritable()) {
            Delivery d = queue.peek();
            if (d.qos() > 0 && inFlight.size() >= window) {
                break;
            }
            queue.poll();
            queuedBytes -= d.payload().length;
            context.budget().giveBack(d.payload().length);
            if (d.expiresAtMillis() != 0) {
                now = now == 0 ? System.currentTimeMillis() : now;
                if (d.expired(now)) {
                    context.store().deleteMessage(clientId, d);
                    context.drops().dropped(DropCounters.Reason.MESSAGE_EXPIRED, clientId, d.topic(), d.qos());
                    continue;
                }
            }
            boolean allowed = d.retained() || d.shared() ? client.receivePermission().mayReceive(d.topic())
                    : DeliveryCheck.allows(subscriptions.names(), d.topic(), client.receivePermission());
            if (!allowed) {
                context.store().deleteMessage(clientId, d);
                continue;
            }
            int packetId = d.qos() > 0 ? nextPacketId() : 0;
            MqttPublishMessage publish = client.publishFor(d, packetId, false);
            if (publish == null) {
                context.store().deleteMessage(clientId, d);
                context.drops().dropped(DropCounters.Reason.OVER_CLIENT_MAXIMUM_PACKET_SIZE, clientId, d.topic(),
                        d.qos());
                continue;
            }
            if (d.qos() > 0) {
                inFlight.put(packetId, d);
            }
            if (context.journal().enabled()) {
                context.journal().deliver(clientId, client.principal(), d.topic(), d.payload(), d.qos(), d.retained(),
                        d.properties());
            }
            channel.write(publish);
            wrote = true;
        }
        if (wrote) {
            flushNeeded = true;
            progress();
        }
        updateCongestion();
    }

    private void flushClient() {
        if (flushNeeded && client != null) {
            flushNeeded = false;
            client.channel().flush();
        }
    }

    private int nextPacketId() {
        for (int tries = 0; tries < MAX_PACKET_ID; tries++) {
            int id = nextPacketId;
            nextPacketId = id == MAX_PACKET_ID ? 1 : id + 1;
            if (!inFlight.containsKey(id)) {
                return id;
            }
        }
        throw new IllegalStateException("no free packet id: " + inFlight.size() + " messages in flight");
    }

    // ---- back-pressure ---------------------------------------------------------------------------------------

    private void progress() {
        lastProgressNanos = System.nanoTime();
        if (stalled) {
            stalled = false;
            LOG.info("event=subscriber_resumed clientId={} queued={}", LogValues.escape(clientId), queue.size());
        }
    }

    private void updateCongestion() {
        SessionLimits limits = context.limits();
        boolean active = client != null && delivering && !stalled && !ended;
        if (!congested && active && (queue.size() >= limits.highWaterMessages()
                || queuedBytes >= limits.highWaterBytes())) {
            congested = true;
            context.flow().enter();
            if (stallCheck == null) {
                stallCheck = loop.schedule(this::checkStall, limits.stallMillis(), TimeUnit.MILLISECONDS);
            }
        } else if (congested && (!active || queue.size() <= limits.lowWaterMessages()
                && queuedBytes <= limits.lowWaterBytes())) {
            congested = false;
            context.flow().leave();
        }
    }

    private void checkStall() {
        stallCheck = null;
        if (!congested) {
            return;
        }
        long idleMillis = (System.nanoTime() - lastProgressNanos) / 1_000_000;
        if (idleMillis < context.limits().stallMillis()) {
            stallCheck = loop.schedule(this::checkStall, context.limits().stallMillis() - idleMillis,
                    TimeUnit.MILLISECONDS);
            return;
        }
        stalled = true;
        LOG.warn("event=subscriber_stalled clientId={} queued={} inFlight={} message=\"this client has read and "
                + "acknowledged nothing for {} s, so publishers are no longer held back for it; its messages queue up "
                + "to {} and further ones are dropped (counted in GET /__emulator/stats)\"", LogValues.escape(clientId),
                queue.size(),
                inFlight.size(), idleMillis / 1000, context.limits().maxQueuedMessages());
        updateCongestion();
    }

    // ---- for the admin API -----------------------------------------------------------------------------------

    /** What the admin API shows of the session, on the session's loop; empty when no client is connected. */
    public CompletableFuture<Optional<Snapshot>> describe() {
        CompletableFuture<Optional<Snapshot>> described = new CompletableFuture<>();
        execute(() -> described.complete(client == null ? Optional.empty() : Optional.of(new Snapshot(client,
                List.copyOf(subscriptions.names()), queue.size(), inFlight.size()))));
        return described;
    }

    /** The session's client now, or null; for the admin API. */
    public CompletableFuture<SessionClient> client() {
        CompletableFuture<SessionClient> current = new CompletableFuture<>();
        execute(() -> current.complete(client));
        return current;
    }

    /** A connected session as the admin API lists it. */
    public record Snapshot(SessionClient client, List<String> subscriptions, int queued, int inFlight) {
    }
}
