package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.session.Session;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.List;
import java.util.Optional;

/**
 * A client's SUBSCRIBE and UNSUBSCRIBE: AWS IoT's filter rules and limits, then {@code iot:Subscribe} on every filter
 * (AWS closes the connection when one is denied), then the session, which answers with the broker's SUBACK and
 * replays stored retained messages.
 */
final class SubscribeStep {

    private final MqttConnection conn;

    SubscribeStep(MqttConnection conn) {
        this.conn = conn;
    }

    void subscribe(MqttSubscribeMessage subscribe) {
        List<MqttTopicSubscription> filters = List.copyOf(subscribe.payload().topicSubscriptions());
        List<String> names = filters.stream().map(MqttTopicSubscription::topicName).toList();
        long added = names.stream().distinct().filter(f -> !conn.subscriptions.contains(f)).count();
        Optional<String> violation = conn.context.rules().checkSubscribe(subscribe,
                (int) (conn.subscriptions.size() + added));
        if (violation.isPresent()) {
            conn.clientError(violation.get());
            return;
        }
        if (!conn.policy.maySubscribe(names)) {
            conn.close(DisconnectReason.AUTH_ERROR);
            return;
        }
        for (MqttTopicSubscription s : filters) {
            conn.subscriptions.add(s.topicName());
            conn.context.journal().subscribe(conn.clientId, conn.identity.principal(), s.topicName(),
                    s.qualityOfService().value());
        }
        int packetId = subscribe.variableHeader().messageId();
        Session session = conn.session;
        session.execute(() -> session.subscribe(packetId, filters));
    }

    void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        List<String> filters = List.copyOf(unsubscribe.payload().topics());
        filters.forEach(conn.subscriptions::remove);
        int packetId = unsubscribe.variableHeader().messageId();
        Session session = conn.session;
        session.execute(() -> session.unsubscribe(packetId, filters));
    }
}
