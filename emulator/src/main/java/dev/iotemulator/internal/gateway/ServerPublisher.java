package dev.iotemulator.internal.gateway;

/** Publishes a message as the server (lifecycle events, Last Wills), routed by the broker like any other. */
@FunctionalInterface
public interface ServerPublisher {

    /** @param qos 0 or 1 */
    void publish(String topic, byte[] payload, int qos);
}
