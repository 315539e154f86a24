package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.LifecycleEvents;
import dev.iotemulator.internal.mqtt.LifecycleEvents.Session;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes AWS IoT lifecycle events ({@code $aws/events/presence/...} and {@code $aws/events/subscriptions/...}).
 * A connect and its disconnect share one {@code versionNumber}, which grows per client id.
 */
public final class Lifecycle {

    private final Map<String, AtomicLong> versions = new ConcurrentHashMap<>();
    private final Clock clock;
    private final PublishPipeline pipeline;

    public Lifecycle(Clock clock, PublishPipeline pipeline) {
        this.clock = clock;
        this.pipeline = pipeline;
    }

    /** @return the versionNumber of this connection, for its disconnect event */
    long connected(Session s) {
        long version = versions.computeIfAbsent(s.clientId(), id -> new AtomicLong()).incrementAndGet();
        publish(s.clientId(), LifecycleEvents.connectedTopic(s.clientId()),
                LifecycleEvents.connected(s, clock.millis(), version));
        return version;
    }

    void disconnected(Session s, DisconnectReason reason, long version) {
        publish(s.clientId(), LifecycleEvents.disconnectedTopic(s.clientId()),
                LifecycleEvents.disconnected(s, clock.millis(), reason.clientInitiated(), reason, version));
    }

    void connectFailed(Session s, String failureReason) {
        publish(s.clientId(), LifecycleEvents.connectFailedTopic(s.clientId()),
                LifecycleEvents.connectFailed(s, clock.millis(), failureReason));
    }

    void subscriptions(Session s, boolean subscribed, List<String> filters) {
        if (!filters.isEmpty()) {
            publish(s.clientId(), LifecycleEvents.subscriptionTopic(subscribed, s.clientId()),
                    LifecycleEvents.subscription(s, clock.millis(), subscribed, filters));
        }
    }

    private void publish(String clientId, String topic, String json) {
        if (LifecycleEvents.publishesEventsFor(clientId)) {
            pipeline.publishAsService(topic, json.getBytes(StandardCharsets.UTF_8), 1);
        }
    }
}
