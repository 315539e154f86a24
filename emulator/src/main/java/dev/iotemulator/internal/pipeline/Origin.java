package dev.iotemulator.internal.pipeline;

/**
 * What the pipeline needs from the place a message came from: whether its principal may publish it, and, for an MQTT
 * client, its own way into the broker (its session's link, so the broker acknowledges a QoS 1 message to that client).
 */
public interface Origin {

    /** The emulator itself: no policy applies, and the broker is reached as the server. */
    Origin SERVER = new Origin() {
    };

    /**
     * Why the principal may not publish to {@code topic} ({@code iot:Publish}, and {@code iot:RetainPublish} when
     * retained); null when it may. Records the denial.
     */
    default String denyPublish(String topic, boolean retain) {
        return null;
    }

    /**
     * Hands the message to the broker over this origin's own link; false when the origin has none and the broker
     * should route it as the server's.
     */
    default boolean forward(Publish publish) {
        return false;
    }
}
