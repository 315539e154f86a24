package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;

/** Publishes through the emulator's pipeline as the rules engine. */
@FunctionalInterface
public interface Republisher {

    /**
     * @param headers the republish action's MQTT 5 {@code headers} object (missing when none): the hook for MQTT 5
     *     properties once the pipeline carries them
     * @return why the pipeline refused the message, or null when it took it
     */
    String publish(String topic, byte[] payload, int qos, JsonNode headers);
}
