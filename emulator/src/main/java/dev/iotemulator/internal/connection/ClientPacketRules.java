package dev.iotemulator.internal.connection;

import dev.iotemulator.MqttLimits;
import dev.iotemulator.internal.mqtt.AwsTopics;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * AWS IoT's limits on a client's CONNECT and SUBSCRIBE (developer guide, "AWS IoT Core message broker and protocol
 * limits" and "MQTT"): client ids of 1 to 128 bytes not starting with {@code $}, QoS 0 and 1 only, topic filter
 * rules, 8 filters per SUBSCRIBE, 50 subscriptions per connection. AWS closes an MQTT 3.1.1 connection on any
 * violation ({@code CLIENT_ERROR}) and answers an MQTT 5 one with a reason code; each check answers what was violated.
 * The numbers come from {@link MqttLimits}. A PUBLISH's limits are the publish pipeline's first stage.
 */
public final class ClientPacketRules {

    private final MqttLimits limits;
    private final AwsTopics topics;

    public ClientPacketRules(MqttLimits limits) {
        this.limits = limits;
        this.topics = new AwsTopics(limits.maxTopicBytes(), limits.maxTopicSlashes());
    }

    Optional<Violation> checkConnect(MqttConnectMessage connect) {
        String clientId = connect.payload().clientIdentifier();
        int bytes = clientId == null ? 0 : clientId.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxClientIdBytes()) {
            return violation("client id of " + bytes + " bytes is over the limit of " + limits.maxClientIdBytes()
                    + " (AWS IoT: 128)", ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        }
        if (clientId != null && clientId.startsWith("$")) {
            return violation("client id '" + clientId + "' starts with $, which AWS IoT reserves for its own ids",
                    ReasonCode.CLIENT_IDENTIFIER_NOT_VALID);
        }
        if (connect.variableHeader().isWillFlag()) {
            if (connect.variableHeader().willQos() > 1) {
                return violation("Last Will with QoS 2; AWS IoT supports QoS 0 and 1 only",
                        ReasonCode.QOS_NOT_SUPPORTED);
            }
            Optional<String> topic = topics.checkPublishTopic(connect.payload().willTopic());
            if (topic.isPresent()) {
                return violation("Last Will: " + topic.get(), ReasonCode.TOPIC_NAME_INVALID);
            }
        }
        return Optional.empty();
    }

    private static Optional<Violation> violation(String problem, ReasonCode code) {
        return Optional.of(new Violation(problem, code));
    }

    /** Problems with one filter of a SUBSCRIBE (its shape, reserved topics), for MQTT 5's per-filter answers. */
    Optional<String> checkFilter(String filter) {
        return topics.checkTopicFilter(filter);
    }

    MqttLimits limits() {
        return limits;
    }

    Optional<String> checkSubscribe(MqttSubscribeMessage subscribe, int currentSubscriptions) {
        List<MqttTopicSubscription> filters = subscribe.payload().topicSubscriptions();
        if (filters.size() > limits.maxFiltersPerSubscribe()) {
            return Optional.of("SUBSCRIBE with " + filters.size() + " topic filters; the limit is "
                    + limits.maxFiltersPerSubscribe() + " per SUBSCRIBE (AWS IoT: 8)");
        }
        for (MqttTopicSubscription s : filters) {
            if (s.qualityOfService() == MqttQoS.EXACTLY_ONCE) {
                return Optional.of("SUBSCRIBE to '" + s.topicName() + "' with QoS 2; AWS IoT supports QoS 0 and 1 only");
            }
            Optional<String> shape = topics.checkTopicFilter(s.topicName());
            if (shape.isPresent()) {
                return shape;
            }
        }
        if (currentSubscriptions > limits.maxSubscriptionsPerConnection()) {
            return Optional.of("this SUBSCRIBE brings the connection to " + currentSubscriptions
                    + " subscriptions; the limit is " + limits.maxSubscriptionsPerConnection()
                    + " per connection (AWS IoT: 50)");
        }
        return Optional.empty();
    }
}
