package dev.iotemulator;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * The MQTT 5 properties a message was published with, as AWS IoT Core carries them to MQTT 5 subscribers: from an
 * MQTT 5 PUBLISH, a Last Will, or the HTTPS data plane's {@code contentType}, {@code responseTopic},
 * {@code messageExpiry} and {@code x-amz-mqtt5-*} headers. An MQTT 3.1.1 message has none (its
 * {@link ReceivedMessage#properties()} is null).
 *
 * <pre>{@code
 * ReceivedMessage m = iot.awaitMessage(r -> "orders".equals(r.topic()) && r.hasUserProperty("tenant", "t1"),
 *         Duration.ofSeconds(5));
 * m.properties().responseTopic();
 * }</pre>
 *
 * @param payloadFormatIndicator 0 (bytes) or 1 (UTF-8 text); null when not sent
 * @param contentType the content type (a MIME type, by convention); null when not sent
 * @param responseTopic the topic a requester expects the answer on; null when not sent
 * @param correlationData opaque bytes a requester uses to match the answer; null when not sent. The array is shared:
 *     do not modify it
 * @param userProperties the user properties, in the order they were sent (names may repeat); empty when none
 * @param messageExpiryInterval the message expiry interval in seconds after AWS's adjustment (0 becomes 1, more than
 *     604800 becomes 604800); null when the message does not expire
 */
public record MessageProperties(Integer payloadFormatIndicator, String contentType, String responseTopic,
        byte[] correlationData, List<UserProperty> userProperties, Long messageExpiryInterval) {

    /** One MQTT 5 user property: a name and a value, both UTF-8 strings. */
    public record UserProperty(String name, String value) {
    }

    public MessageProperties {
        userProperties = userProperties == null ? List.of() : List.copyOf(userProperties);
    }

    /** Whether nothing at all was set. */
    public boolean isEmpty() {
        return payloadFormatIndicator == null && contentType == null && responseTopic == null
                && correlationData == null && userProperties.isEmpty() && messageExpiryInterval == null;
    }

    /** The value of the first user property named {@code name}. */
    public Optional<String> userProperty(String name) {
        return userProperties.stream().filter(p -> p.name().equals(name)).map(UserProperty::value).findFirst();
    }

    /** The correlation data decoded as UTF-8; null when there is none. */
    public String correlationDataAsString() {
        return correlationData == null ? null : new String(correlationData, StandardCharsets.UTF_8);
    }

    /** The same properties with {@code messageExpiryInterval} replaced. */
    public MessageProperties withMessageExpiryInterval(Long seconds) {
        return new MessageProperties(payloadFormatIndicator, contentType, responseTopic, correlationData,
                userProperties, seconds);
    }
}
