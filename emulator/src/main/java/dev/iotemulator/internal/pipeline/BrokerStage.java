package dev.iotemulator.internal.pipeline;

/**
 * Stage 6: the broker routes the message to every matching subscription. An MQTT client's message goes over its own
 * session's link, so the broker's acknowledgement of a QoS 1 message reaches that client once the broker has it;
 * anything else goes in as the server's.
 */
final class BrokerStage {

    private final BrokerPort broker;

    BrokerStage(BrokerPort broker) {
        this.broker = broker;
    }

    void route(Publish p, Origin origin) {
        if (!origin.forward(p)) {
            broker.publish(p.topic(), p.payload(), p.qos(), p.hasMqtt5Extras() ? p : null);
        }
    }
}
