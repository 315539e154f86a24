package dev.iotemulator.internal.pipeline;

/**
 * One message on its way through the {@link PublishPipeline}. The payload array is shared from here on (journal,
 * retained store, broker, deliveries): nobody modifies it.
 *
 * @param qos 0 or 1 once the limits stage has passed it
 * @param principal the access key id or certificate id that published it; null for the emulator itself
 * @param clientId the publishing MQTT client; null when no MQTT connection is behind it
 */
public record Publish(String topic, byte[] payload, int qos, boolean retain, Source source, String principal,
        String clientId) {

    /** A message the emulator publishes itself (shadow responses, lifecycle events). */
    public static Publish fromService(String topic, byte[] payload, int qos) {
        return new Publish(topic, payload, qos, false, Source.SERVICE, null, null);
    }

    /** The same message with the RETAIN flag cleared, as live subscribers get it. */
    public Publish withoutRetain() {
        return retain ? new Publish(topic, payload, qos, false, source, principal, clientId) : this;
    }
}
