package dev.iotemulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A message published to the emulator, as {@link IotEmulator#awaitMessage(String, java.time.Duration)} and
 * {@link MessageJournal#publishes()} report it.
 *
 * @param topic the topic it was published on
 * @param payload its payload. The array is shared: do not modify it
 * @param qos the QoS it was published with
 * @param retain whether the publisher set RETAIN
 * @param clientId the publisher's MQTT client id; null when no MQTT client published it
 * @param time when the emulator received it
 * @param principal the access key id or certificate id that published it; null for the emulator itself
 * @param source where it came from: {@code mqtt} (a client's PUBLISH or Last Will), {@code http} (the HTTPS data
 *     plane), {@code admin} (the admin or in-process API) or {@code service} (shadow responses, lifecycle events)
 * @param properties its MQTT 5 properties (user properties, response topic, ...); null when it has none, as every
 *     MQTT 3.1.1 message
 */
public record ReceivedMessage(String topic, byte[] payload, int qos, boolean retain, String clientId, Instant time,
        String principal, String source, MessageProperties properties) {

    /** A message without MQTT 5 properties. */
    public ReceivedMessage(String topic, byte[] payload, int qos, boolean retain, String clientId, Instant time,
            String principal, String source) {
        this(topic, payload, qos, retain, clientId, time, principal, source, null);
    }

    /**
     * Whether it carries the MQTT 5 user property {@code name} with {@code value}, for
     * {@code awaitMessage(m -> m.hasUserProperty("tenant", "t1"), timeout)}.
     */
    public boolean hasUserProperty(String name, String value) {
        return properties != null && properties.userProperties().contains(new MessageProperties.UserProperty(name,
                value));
    }

    /** The payload decoded as UTF-8. */
    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    static ReceivedMessage of(JournalEntry publish) {
        return new ReceivedMessage(publish.topic(), publish.payload(), publish.qos(), publish.retain(),
                publish.clientId(), publish.time(), publish.principal(), publish.source(), publish.properties());
    }
}
