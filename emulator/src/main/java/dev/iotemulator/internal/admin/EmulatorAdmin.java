package dev.iotemulator.internal.admin;

import dev.iotemulator.ConnectedClient;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.pipeline.Origin;
import dev.iotemulator.internal.pipeline.Outcome;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.pipeline.Source;
import dev.iotemulator.internal.rules.TopicRules;
import dev.iotemulator.internal.session.DropCounters;
import dev.iotemulator.internal.session.FlowControl;
import dev.iotemulator.internal.session.Session;
import dev.iotemulator.internal.session.SessionClient;
import dev.iotemulator.internal.session.SessionRegistry;
import dev.iotemulator.internal.shadow.Shadows;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the admin API and the in-process API do to a running emulator, in one place: both call these, so
 * {@code POST /__emulator/reset} and {@code IotEmulator.reset()} are the same operation.
 */
public final class EmulatorAdmin {

    private static final long RESET_WAIT_SECONDS = 5;

    private final SessionRegistry sessions;
    private final Journal journal;
    private final RetainedStore retained;
    private final Shadows shadows;
    private final PublishPipeline pipeline;
    private final FlowControl flow;
    private final DropCounters drops;
    private final TopicRules rules;

    public EmulatorAdmin(SessionRegistry sessions, Journal journal, RetainedStore retained, Shadows shadows,
            PublishPipeline pipeline, FlowControl flow, DropCounters drops, TopicRules rules) {
        this.sessions = sessions;
        this.journal = journal;
        this.retained = retained;
        this.shadows = shadows;
        this.pipeline = pipeline;
        this.flow = flow;
        this.drops = drops;
        this.rules = rules;
    }

    /**
     * Disconnects every client ({@code API_INITIATED_DISCONNECT}) and ends every session, persistent ones and their
     * broker subscriptions included, then forgets the journal, the retained messages, the Device Shadows and the
     * rule executions. Keys, policies, certificates and topic rules stay.
     */
    public CompletableFuture<Void> reset() {
        return sessions.endAll(DisconnectReason.API_INITIATED_DISCONNECT)
                .completeOnTimeout(null, RESET_WAIT_SECONDS, TimeUnit.SECONDS)
                .thenRun(() -> {
                    journal.clear();
                    retained.clear();
                    shadows.clear();
                    rules.clearExecutions();
                });
    }

    /** The connected clients with their subscriptions, each described by its own session. */
    public CompletableFuture<List<ConnectedClient>> connectedClients() {
        return clientDetails().thenApply(details -> details.stream().map(ClientDetails::client).toList());
    }

    /** The connected clients with what the admin API shows besides: protocol, keep-alive, since when, queues. */
    public CompletableFuture<List<ClientDetails>> clientDetails() {
        List<CompletableFuture<Optional<Session.Snapshot>>> described = sessions.sessions().stream()
                .map(Session::describe).toList();
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).handle((done, failure) ->
                described.stream().map(one -> one.getNow(Optional.empty())).flatMap(Optional::stream)
                        .map(EmulatorAdmin::details).toList());
    }

    private static ClientDetails details(Session.Snapshot s) {
        SessionClient c = s.client();
        return new ClientDetails(new ConnectedClient(c.clientId(), c.principal(), c.transport(), c.remoteAddress(),
                s.subscriptions()), c.protocolVersion(), c.keepAliveSeconds(), c.connectedAt(), s.queued(),
                s.inFlight());
    }

    /**
     * Closes a client's connection for an AWS {@code disconnectReason}; completes once it is closed, or with
     * {@link NotConnected} when no client has that id.
     */
    public CompletableFuture<Void> disconnect(String clientId, DisconnectReason reason) {
        Optional<Session> session = sessions.session(clientId);
        if (session.isEmpty()) {
            return CompletableFuture.failedFuture(new NotConnected(clientId));
        }
        return session.get().client().thenCompose(client -> client == null
                ? CompletableFuture.failedFuture(new NotConnected(clientId))
                : client.closeFromSession(reason));
    }

    /**
     * Closes every connection authenticated as {@code principal} (a certificate that left ACTIVE, say); completes once
     * they are closed.
     */
    public CompletableFuture<Void> disconnectPrincipal(String principal, DisconnectReason reason) {
        List<CompletableFuture<Void>> closing = sessions.sessions().stream()
                .map(session -> session.client().thenCompose(client -> client != null
                        && principal.equals(client.principal()) ? client.closeFromSession(reason)
                        : CompletableFuture.<Void>completedFuture(null)))
                .toList();
        return CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new));
    }

    /** The AWS {@code disconnectReason} called {@code name}, if there is one. */
    public static Optional<DisconnectReason> reasonNamed(String name) {
        return Arrays.stream(DisconnectReason.values()).filter(r -> r.name().equals(name)).findFirst();
    }

    public static String unknownReason(String name) {
        return "reason '" + name + "' is not an AWS IoT disconnectReason; use one of "
                + Arrays.toString(DisconnectReason.values()) + ".";
    }

    /**
     * Publishes as the emulator itself, through the pipeline like any message: no IoT policy on the publishing side,
     * each subscriber's {@code iot:Receive} still applies, and the journal records it with source {@code admin}.
     */
    public Outcome publish(String topic, byte[] payload, int qos, boolean retain) {
        return pipeline.publish(new Publish(topic, payload, qos, retain, Source.ADMIN, null, null), Origin.SERVER);
    }

    public FlowControl flow() {
        return flow;
    }

    public DropCounters drops() {
        return drops;
    }

    public Journal journal() {
        return journal;
    }

    public TopicRules rules() {
        return rules;
    }

    /** No client with that id is connected. */
    public static final class NotConnected extends RuntimeException {
        public NotConnected(String clientId) {
            super("No client '" + clientId + "' is connected; GET /__emulator/clients lists those that are.");
        }
    }
}
