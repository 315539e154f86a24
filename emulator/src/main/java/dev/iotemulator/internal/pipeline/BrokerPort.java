package dev.iotemulator.internal.pipeline;

/** The broker as the pipeline sees it: routing a message as the server's, to every matching subscription. */
@FunctionalInterface
public interface BrokerPort {

    /**
     * @param message the message itself when it carries MQTT 5 extras, which travel beside the payload to every
     *     subscriber's session; null otherwise
     */
    void publish(String topic, byte[] payload, int qos, Publish message);
}
