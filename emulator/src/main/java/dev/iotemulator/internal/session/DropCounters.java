package dev.iotemulator.internal.session;

import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.journal.Journal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages the emulator dropped on purpose, by reason, and a log line for them at most every 10 s per reason: AWS IoT
 * may drop QoS 0 messages under load and drops what a session cannot hold, and so does the emulator, but never
 * silently. Exposed on the admin API ({@code GET /__emulator/stats}).
 */
public final class DropCounters {

    private static final Logger LOG = LoggerFactory.getLogger(DropCounters.class);
    private static final long LOG_EVERY_NANOS = 10_000_000_000L;

    /** Why a message was dropped. */
    public enum Reason {
        /** A QoS 0 PUBLISH arrived while its publisher already had 10,000 messages held back for a slow subscriber. */
        QOS0_PUBLISHER_HELD("a QoS 0 PUBLISH arrived while its publisher had 10,000 messages held back by a slow "
                + "subscriber"),
        /** A session's queue was full (offline, or its client has stopped reading). */
        SESSION_QUEUE_FULL("a session's queue was full (10,000 messages or 32 MB, or all sessions' queues together "
                + "held a quarter of the heap)"),
        /** An MQTT 5 message's expiry interval was up before it could be delivered. */
        MESSAGE_EXPIRED("an MQTT 5 message's Message Expiry Interval ran out before it was delivered, as the "
                + "publisher asked"),
        /** A delivery would have been larger than the Maximum Packet Size an MQTT 5 client set in its CONNECT. */
        OVER_CLIENT_MAXIMUM_PACKET_SIZE("a PUBLISH would have been larger than the Maximum Packet Size the MQTT 5 "
                + "subscriber set in its CONNECT");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }
    }

    private final Map<Reason, AtomicLong> counts = new LinkedHashMap<>();
    private final Map<Reason, AtomicLong> lastLogged = new LinkedHashMap<>();
    private final Journal journal;

    /** @param journal where each dropped message is marked ({@code DROP} entries) */
    public DropCounters(Journal journal) {
        this.journal = journal;
        for (Reason reason : Reason.values()) {
            counts.put(reason, new AtomicLong());
            lastLogged.put(reason, new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS));
        }
    }

    /** Counts one dropped message and logs, at most every 10 s per reason, how many so far. */
    public void dropped(Reason reason, String clientId, String topic, int qos) {
        long total = counts.get(reason).incrementAndGet();
        journal.drop(clientId, topic, qos, reason.name());
        AtomicLong last = lastLogged.get(reason);
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= LOG_EVERY_NANOS && last.compareAndSet(previous, now)) {
            LOG.warn("event=message_dropped reason={} clientId={} topic={} qos={} totalForReason={} message=\"{}; "
                    + "the message was dropped, as AWS IoT drops what it cannot queue. Counts: GET "
                    + "/__emulator/stats\"", reason, LogValues.escape(clientId), LogValues.escape(topic), qos, total,
                    reason.explanation);
        }
    }

    public long count(Reason reason) {
        return counts.get(reason).get();
    }

    /** Every reason with its count, in declaration order. */
    public Map<Reason, Long> snapshot() {
        Map<Reason, Long> out = new LinkedHashMap<>();
        counts.forEach((reason, count) -> out.put(reason, count.get()));
        return out;
    }
}
