package dev.iotemulator.internal.pipeline;

import dev.iotemulator.MessageProperties;

/**
 * One message on its way through the {@link PublishPipeline}. The payload array is shared from here on (journal,
 * retained store, broker, deliveries): nobody modifies it.
 *
 * @param qos 0 or 1 once the limits stage has passed it
 * @param principal the access key id or certificate id that published it; null for the emulator itself
 * @param clientId the publishing MQTT client; null when no MQTT connection is behind it
 * @param properties its MQTT 5 properties; null for a message without any (every MQTT 3.1.1 message), which then
 *     costs nothing on the way
 * @param expiresAtMillis when its MQTT 5 message expiry is up (epoch milliseconds); 0 when it never expires
 */
public record Publish(String topic, byte[] payload, int qos, boolean retain, Source source, String principal,
        String clientId, MessageProperties properties, long expiresAtMillis) {

    /** A message without MQTT 5 properties. */
    public Publish(String topic, byte[] payload, int qos, boolean retain, Source source, String principal,
            String clientId) {
        this(topic, payload, qos, retain, source, principal, clientId, null, 0);
    }

    /** A message the emulator publishes itself (shadow responses, lifecycle events). */
    public static Publish fromService(String topic, byte[] payload, int qos) {
        return new Publish(topic, payload, qos, false, Source.SERVICE, null, null);
    }

    /** The same message with the RETAIN flag cleared, as live subscribers get it. */
    public Publish withoutRetain() {
        return retain ? new Publish(topic, payload, qos, false, source, principal, clientId, properties,
                expiresAtMillis) : this;
    }

    /** Whether MQTT 5 subscribers get more than topic and payload: properties or an expiry. */
    public boolean hasMqtt5Extras() {
        return properties != null || expiresAtMillis != 0;
    }
}
