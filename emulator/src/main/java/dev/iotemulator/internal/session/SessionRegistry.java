package dev.iotemulator.internal.session;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions by client id, and AWS IoT's rules for a CONNECT (developer guide, "MQTT", persistent sessions and
 * client-id takeover): a clean CONNECT replaces any session of its client id; a persistent one resumes the client id's
 * persistent session of the same MQTT version if there is one (sessionPresent), or starts one; either way a client
 * already connected with the client id is disconnected with {@code DUPLICATE_CLIENTID}.
 */
public final class SessionRegistry {

    private final Map<String, Session> byClientId = new ConcurrentHashMap<>();
    private final SessionContext context;
    private final AtomicLong serial = new AtomicLong();

    public SessionRegistry(SessionContext context) {
        this.context = context;
    }

    /**
     * A client's session once it is attached, whether it existed before (CONNACK's sessionPresent), and its
     * subscriptions at that moment.
     */
    public record Attachment(Session session, boolean sessionPresent, List<String> subscriptions) {
    }

    /**
     * Gives an MQTT 3.1.1 {@code client} its session, new or resumed; completes on the session's loop. A new session
     * is created on the client's loop.
     */
    public CompletableFuture<Attachment> connect(SessionClient client, boolean cleanSession) {
        return connect(client, cleanSession, cleanSession ? 0 : context.persistentExpiry().toMillis(), false);
    }

    /**
     * Gives {@code client} its session, new or resumed; completes on the session's loop. A new session is created on
     * the client's loop. Only a session of the same MQTT version is resumed: AWS IoT does not resume a 3.1.1 session
     * from an MQTT 5 connection, nor the other way round.
     *
     * @param cleanStart MQTT 3.1.1's clean session, MQTT 5's clean start: any session of the client id is discarded
     * @param expiryMillis how long the session outlives this connection (0: it ends with it)
     */
    public CompletableFuture<Attachment> connect(SessionClient client, boolean cleanStart, long expiryMillis,
            boolean mqtt5) {
        String clientId = client.clientId();
        Session[] replaced = new Session[1];
        boolean[] created = new boolean[1];
        Session chosen = byClientId.compute(clientId, (id, existing) -> {
            if (existing != null && !cleanStart && existing.persistent() && !existing.ended()
                    && existing.mqtt5() == mqtt5) {
                return existing;
            }
            replaced[0] = existing;
            created[0] = true;
            return new Session(id, expiryMillis, mqtt5, client.channel().eventLoop(), context, this);
        });
        chosen.expiry(expiryMillis);
        if (replaced[0] != null) {
            Session old = replaced[0];
            old.endFromAnyThread(DisconnectReason.DUPLICATE_CLIENTID, true);
        }
        if (created[0]) {
            // The broker never sees two sessions under one id: each gets an id of its own, so ending an old one
            // cannot touch the subscriptions of its successor.
            chosen.open(clientId + "#" + serial.incrementAndGet());
        }
        return chosen.attachWhenOpen(client).thenCompose(subscriptions -> {
            if (subscriptions != null) {
                return CompletableFuture.completedFuture(new Attachment(chosen, !created[0], subscriptions));
            }
            // It ended between the look-up and now (expiry, reset, another clean CONNECT): start afresh.
            return connect(client, cleanStart, expiryMillis, mqtt5);
        });
    }

    void ended(Session session) {
        byClientId.remove(session.clientId(), session);
    }

    public Optional<Session> session(String clientId) {
        return Optional.ofNullable(byClientId.get(clientId));
    }

    public List<Session> sessions() {
        return List.copyOf(byClientId.values());
    }

    /**
     * Ends every session, closing its client for {@code reason}, and forgets them, persistent ones and what the store
     * kept of them included; completes once every broker link is closed.
     */
    public CompletableFuture<Void> endAll(DisconnectReason reason) {
        return CompletableFuture.allOf(byClientId.values().stream().map(s -> s.endFromAnyThread(reason, true))
                .toArray(CompletableFuture[]::new)).thenRun(context.store()::clear);
    }

    /**
     * The emulator stops: every client is closed for {@code reason}, and persistent sessions are written to the
     * store, to be {@linkplain #restore restored} at the next start.
     */
    public CompletableFuture<Void> closeAll(DisconnectReason reason) {
        return CompletableFuture.allOf(byClientId.values().stream().map(s -> s.endFromAnyThread(reason, false))
                .toArray(CompletableFuture[]::new));
    }

    /**
     * Brings back the persistent sessions the store kept, each on one of {@code loops}, with its subscriptions,
     * its queued messages and the rest of its expiry; those that expired meanwhile are forgotten. Returns how many.
     */
    public int restore(EventLoopGroup loops, long nowMillis) {
        int restored = 0;
        for (SessionStore.Saved saved : context.store().load()) {
            if (saved.awaySinceMillis() != 0
                    && saved.awaySinceMillis() + context.persistentExpiry().toMillis() <= nowMillis) {
                context.store().forget(saved.clientId(), saved.messages());
                continue;
            }
            EventLoop loop = loops.next();
            Session session = new Session(saved.clientId(), context.persistentExpiry().toMillis(), false, loop,
                    context, this);
            byClientId.put(saved.clientId(), session);
            loop.execute(() -> {
                session.restore(saved, nowMillis);
                session.open(saved.clientId() + "#" + serial.incrementAndGet());
            });
            restored++;
        }
        return restored;
    }

    public SessionContext context() {
        return context;
    }
}
