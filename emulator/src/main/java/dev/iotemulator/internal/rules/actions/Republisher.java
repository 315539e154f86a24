package dev.iotemulator.internal.rules.actions;

/** Publishes through the emulator's pipeline as the rules engine. */
@FunctionalInterface
public interface Republisher {

    /**
     * @param headers the republish action's MQTT 5 headers rendered for this message; null when it has none
     * @return why the pipeline refused the message, or null when it took it
     */
    String publish(String topic, byte[] payload, int qos, RepublishHeaders.Rendered headers);
}
