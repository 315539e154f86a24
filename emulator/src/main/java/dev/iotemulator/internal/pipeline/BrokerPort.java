package dev.iotemulator.internal.pipeline;

/** The broker as the pipeline sees it: routing a message as the server's, to every matching subscription. */
@FunctionalInterface
public interface BrokerPort {

    void publish(String topic, byte[] payload, int qos);
}
