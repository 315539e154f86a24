package dev.iotemulator.internal.pipeline;

/**
 * How a service answers a request the way AWS IoT answers the Jobs and fleet provisioning MQTT APIs: to the
 * connection that published the request and to no one else. The answer never passes through the broker, so no other
 * client subscribed to the same topic and no rule sees it (developer guide, "Jobs device MQTT API operations": "These
 * response messages don't pass through the message broker and can't be subscribed to by other clients or rules").
 * This matters most for fleet provisioning, where many devices share one claim certificate and the answer to
 * CreateKeysAndCertificate carries a private key.
 */
@FunctionalInterface
public interface DirectReplies {

    /**
     * Sends {@code payload} on {@code topic} to the MQTT connection behind {@code request}. A request with no
     * connection behind it (published over HTTPS or by the admin API) has no one to answer: the answer is only
     * journaled.
     */
    void reply(Publish request, String topic, byte[] payload);
}
