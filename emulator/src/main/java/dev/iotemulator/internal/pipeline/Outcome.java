package dev.iotemulator.internal.pipeline;

/** What became of a message the {@link PublishPipeline} was given. */
public sealed interface Outcome {

    /** Handed to the broker: it goes to every matching subscriber that may receive it. */
    record Routed() implements Outcome {
    }

    /** Taken by an AWS service on its reserved topic, which does not pass it to subscribers. */
    record Consumed() implements Outcome {
    }

    /**
     * Broke one of AWS IoT's limits (topic shape, payload size, QoS); nothing else happened.
     *
     * @param tooLarge whether the limit broken was the payload size
     */
    record Invalid(String problem, boolean tooLarge) implements Outcome {
    }

    /** An IoT policy did not allow it; nothing else happened. */
    record Denied(String reason) implements Outcome {
    }

    Outcome ROUTED = new Routed();
    Outcome CONSUMED = new Consumed();

    /** Whether the message was accepted (routed or consumed). */
    default boolean accepted() {
        return this instanceof Routed || this instanceof Consumed;
    }
}
