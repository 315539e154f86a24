package dev.iotemulator.internal.pipeline;

import dev.iotemulator.internal.mqtt.AwsTopics;
import java.util.Collection;

/**
 * Stage 7, per subscriber: a message the broker delivers reaches the client only when one of its subscriptions
 * matches the AWS way (the broker follows the MQTT specification, where {@code a/#} also matches {@code a}, and
 * {@code #} matches {@code $} topics) and its {@code iot:Receive} allows the topic.
 */
public final class DeliveryCheck {

    private DeliveryCheck() {
    }

    /** Checked on every delivery, so a plain loop over the (at most 50) filters. */
    public static boolean allows(Collection<String> filters, String topic, ReceivePermission permission) {
        for (String filter : filters) {
            if (AwsTopics.matches(filter, topic)) {
                return permission.mayReceive(topic);
            }
        }
        return false;
    }
}
