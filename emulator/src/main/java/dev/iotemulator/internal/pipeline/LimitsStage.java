package dev.iotemulator.internal.pipeline;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.mqtt.AwsTopics;
import java.util.Optional;

/**
 * Stage 1: AWS IoT's limits on what a client may publish (developer guide, "AWS IoT Core message broker and protocol
 * limits"): QoS 0 or 1, a payload of at most 128 KB, a topic name of the AWS shape, no RETAIN on {@code $} topics.
 * Clients (MQTT and HTTP) get all of it; the emulator's own admin publishes only need a topic without wildcards;
 * the emulator's services are trusted.
 */
final class LimitsStage {

    private final MqttLimits limits;
    private final AwsTopics topics;

    LimitsStage(MqttLimits limits) {
        this.limits = limits;
        this.topics = new AwsTopics(limits.maxTopicBytes(), limits.maxTopicSlashes());
    }

    /** The problem with the message, or null when it is within the limits. */
    Outcome.Invalid check(Publish p) {
        if (p.qos() < 0 || p.qos() > 1) {
            return new Outcome.Invalid("PUBLISH to '" + p.topic() + "' with QoS " + p.qos()
                    + "; AWS IoT supports QoS 0 and 1 only", false);
        }
        return switch (p.source()) {
            case MQTT, HTTP -> checkClient(p);
            case ADMIN -> AwsTopics.isExact(p.topic()) && !p.topic().isEmpty() ? null
                    : new Outcome.Invalid("topic must be a topic name without wildcards, such as devices/d1/commands, "
                            + "not '" + p.topic() + "'.", false);
            case SERVICE -> null;
        };
    }

    private Outcome.Invalid checkClient(Publish p) {
        int size = p.payload().length;
        if (size > limits.maxPayloadBytes()) {
            return new Outcome.Invalid("PUBLISH to '" + p.topic() + "' has a payload of " + size + " bytes, over the "
                    + "limit of " + limits.maxPayloadBytes() + " bytes (AWS IoT: 128 KB)", true);
        }
        Optional<String> shape = topics.checkPublishTopic(p.topic());
        if (shape.isPresent()) {
            return new Outcome.Invalid(shape.get(), false);
        }
        if (p.retain() && p.topic().startsWith("$")) {
            return new Outcome.Invalid("PUBLISH to reserved topic '" + p.topic() + "' with RETAIN; AWS IoT does not "
                    + "retain $ topics", false);
        }
        return null;
    }
}
