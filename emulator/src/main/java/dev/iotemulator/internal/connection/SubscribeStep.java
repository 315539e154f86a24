package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.authz.ConnectionPolicy;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.session.Session;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's SUBSCRIBE and UNSUBSCRIBE: AWS IoT's filter rules and limits, then {@code iot:Subscribe} on every filter,
 * then the session, which answers with the SUBACK and replays stored retained messages. An MQTT 3.1.1 connection is
 * closed when a filter breaks a rule or is denied, as AWS closes it; an MQTT 5 client gets a reason code per filter in
 * its SUBACK instead (0x87 not authorized, 0x8F topic filter invalid, 0x97 quota exceeded) and keeps the others,
 * QoS 2 is granted as QoS 1, and a subscription identifier is refused with DISCONNECT 0xA1, as AWS advertises none.
 */
final class SubscribeStep {

    private static final Logger LOG = LoggerFactory.getLogger(SubscribeStep.class);
    private static final int SUBSCRIPTION_IDENTIFIER = MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value();

    private final MqttConnection conn;

    SubscribeStep(MqttConnection conn) {
        this.conn = conn;
    }

    void subscribe(MqttSubscribeMessage subscribe) {
        List<MqttTopicSubscription> filters = List.copyOf(subscribe.payload().topicSubscriptions());
        int[] refused = conn.v5 == null ? checkMqtt311(subscribe, filters) : checkMqtt5(subscribe, filters);
        if (refused == null) {
            return;
        }
        for (int i = 0; i < filters.size(); i++) {
            if (refused[i] < 0) {
                MqttTopicSubscription s = filters.get(i);
                conn.subscriptions.add(s.topicName());
                conn.context.journal().subscribe(conn.clientId, conn.identity.principal(), s.topicName(),
                        s.qualityOfService().value());
            }
        }
        int packetId = subscribe.variableHeader().messageId();
        Session session = conn.session;
        session.execute(() -> session.subscribe(packetId, filters, refused));
    }

    /** AWS closes the connection on any violation or denial; null when it did. */
    private int[] checkMqtt311(MqttSubscribeMessage subscribe, List<MqttTopicSubscription> filters) {
        List<String> names = filters.stream().map(MqttTopicSubscription::topicName).toList();
        long added = names.stream().distinct().filter(f -> !conn.subscriptions.contains(f)).count();
        Optional<String> violation = conn.context.rules().checkSubscribe(subscribe,
                (int) (conn.subscriptions.size() + added));
        if (violation.isPresent()) {
            conn.clientError(violation.get());
            return null;
        }
        if (!conn.policy.maySubscribe(names)) {
            conn.close(DisconnectReason.AUTH_ERROR);
            return null;
        }
        int[] none = new int[filters.size()];
        Arrays.fill(none, -1);
        return none;
    }

    /** A reason code for each filter refused (negative for the ones to subscribe); null when disconnected. */
    private int[] checkMqtt5(MqttSubscribeMessage subscribe, List<MqttTopicSubscription> filters) {
        MqttProperties properties = subscribe.idAndPropertiesVariableHeader().properties();
        if (properties.getProperty(SUBSCRIPTION_IDENTIFIER) != null) {
            conn.clientError("SUBSCRIBE with a Subscription Identifier; AWS IoT does not support them "
                    + "(Subscription Identifier Available 0 in the CONNACK)",
                    ReasonCode.SUBSCRIPTION_IDENTIFIERS_NOT_SUPPORTED);
            return null;
        }
        ClientPacketRules rules = conn.context.rules();
        int[] codes = new int[filters.size()];
        int count = conn.subscriptions.size();
        boolean tooMany = filters.size() > rules.limits().maxFiltersPerSubscribe();
        for (int i = 0; i < filters.size(); i++) {
            String filter = filters.get(i).topicName();
            codes[i] = -1;
            Optional<String> shape = rules.checkFilter(filter);
            boolean isNew = !conn.subscriptions.contains(filter);
            if (tooMany || isNew && count >= rules.limits().maxSubscriptionsPerConnection()) {
                codes[i] = refuse(filter, ReasonCode.QUOTA_EXCEEDED, tooMany
                        ? filters.size() + " topic filters in one SUBSCRIBE; AWS IoT allows "
                                + rules.limits().maxFiltersPerSubscribe()
                        : "the connection holds " + count + " subscriptions; AWS IoT allows "
                                + rules.limits().maxSubscriptionsPerConnection());
            } else if (shape.isPresent()) {
                codes[i] = refuse(filter, ReasonCode.TOPIC_FILTER_INVALID, shape.get());
            } else if (!conn.policy.maySubscribe(List.of(filter), ConnectionPolicy.REFUSED_0X87)) {
                codes[i] = ReasonCode.NOT_AUTHORIZED.value();
            } else if (isNew) {
                count++;
            }
        }
        return codes;
    }

    private int refuse(String filter, ReasonCode code, String problem) {
        LOG.warn("event=subscribe_refused clientId={} filter={} reasonCode={} message=\"{}\"", conn.clientId, filter,
                code, problem);
        return code.value();
    }

    void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        List<String> filters = List.copyOf(unsubscribe.payload().topics());
        filters.forEach(conn.subscriptions::remove);
        int packetId = unsubscribe.variableHeader().messageId();
        Session session = conn.session;
        session.execute(() -> session.unsubscribe(packetId, filters));
    }
}
