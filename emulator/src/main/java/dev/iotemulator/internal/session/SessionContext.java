package dev.iotemulator.internal.session;

import dev.iotemulator.internal.broker.EmbeddedBroker;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import java.time.Duration;

/**
 * What every session shares.
 *
 * @param persistentExpiry how long a persistent session outlives its connection (AWS IoT's default: 1 hour), and
 *     the longest an MQTT 5 session's expiry interval is granted
 * @param store where persistent sessions are kept across restarts
 * @param budget the payload bytes all sessions together may queue
 * @param shared the shared-subscription groups
 */
public record SessionContext(EmbeddedBroker broker, Journal journal, RetainedStore retained, FlowControl flow,
        DropCounters drops, SessionLimits limits, Duration persistentExpiry, SessionStore store,
        QueueBudget budget, SharedSubscriptions shared) {

    public SessionContext {
        shared.broker(broker);
    }

    public SessionContext(EmbeddedBroker broker, Journal journal, RetainedStore retained, FlowControl flow,
            DropCounters drops, SessionLimits limits, Duration persistentExpiry, SessionStore store,
            QueueBudget budget) {
        this(broker, journal, retained, flow, drops, limits, persistentExpiry, store, budget,
                new SharedSubscriptions());
    }
}
