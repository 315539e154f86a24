package dev.iotemulator.internal.session;

/**
 * How much a session holds for its client before it pushes back or drops.
 *
 * @param inFlight unacknowledged QoS 1 deliveries to the client at once (AWS IoT: 100 outbound per client)
 * @param highWaterMessages a connected session with this many queued messages (or {@code highWaterBytes}) is
 *     congested, and publishers hold back
 * @param lowWaterMessages it stops being congested at or below this many (and {@code lowWaterBytes})
 * @param maxQueuedMessages what a session queues at most while offline or stalled; more is dropped and counted
 * @param maxQueuedBytes the same in payload bytes
 * @param stallMillis a congested session whose client acknowledges and reads nothing for this long is stalled: it no
 *     longer holds publishers back, and its queue fills up to the maximum
 */
public record SessionLimits(int inFlight, int highWaterMessages, long highWaterBytes, int lowWaterMessages,
        long lowWaterBytes, int maxQueuedMessages, long maxQueuedBytes, long stallMillis) {

    /** AWS's outbound window, and local bounds chosen to keep memory flat and latency in milliseconds. */
    public static SessionLimits defaults() {
        return new SessionLimits(100, 64, 1024 * 1024, 16, 256 * 1024, 10_000, 32L * 1024 * 1024, 10_000);
    }
}
