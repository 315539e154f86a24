package dev.iotemulator.internal.dataplane;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.shadow.ShadowService;
import java.time.Clock;
import java.util.Optional;

/**
 * What the data-plane routes share.
 *
 * @param publisher publishes as the server through the broker
 * @param policy    IoT policy decisions for one HTTP request
 * @param limits    the MQTT limits, which HTTP publishes obey too
 */
public record DataPlaneServices(ShadowService shadows, RetainedStore retained, Publisher publisher, PolicyCheck policy,
        Arns arns, MqttLimits limits, Clock clock) {

    /** Publishes a message to MQTT subscribers, as the server. */
    @FunctionalInterface
    public interface Publisher {
        void publish(String topic, byte[] payload, int qos);
    }

    /** An IoT policy check; empty when allowed, otherwise why not. */
    @FunctionalInterface
    public interface PolicyCheck {
        Optional<String> deny(String principal, String action, String resource, String sourceIp);
    }

    /** A 403 if the principal may not do {@code action} on {@code resource}, else empty. */
    Optional<HttpAnswer> authorize(String principal, String action, String resource, HttpCall call) {
        return policy.deny(principal, action, resource, call.sourceIp()).map(reason -> HttpAnswer.error(403,
                "ForbiddenException", "Forbidden: " + action + " on " + resource + " is not allowed for access key id "
                        + principal + " (" + reason + ")"));
    }
}
