package dev.iotemulator.internal.session;

import dev.iotemulator.internal.broker.EmbeddedBroker;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import java.time.Duration;

/**
 * What every session shares.
 *
 * @param persistentExpiry how long a persistent session outlives its connection (AWS IoT's default: 1 hour)
 * @param store where persistent sessions are kept across restarts
 */
public record SessionContext(EmbeddedBroker broker, Journal journal, RetainedStore retained, FlowControl flow,
        DropCounters drops, SessionLimits limits, Duration persistentExpiry, SessionStore store) {
}
