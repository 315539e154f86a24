package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.authz.ConnectionPolicy;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.pipeline.Origin;
import dev.iotemulator.internal.pipeline.Outcome;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.Source;
import dev.iotemulator.internal.session.DropCounters;
import dev.iotemulator.internal.session.Session;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's PUBLISH: through the {@link dev.iotemulator.internal.pipeline.PublishPipeline}, which routes it over the
 * client's own session link, so a QoS 1 message is acknowledged by the broker once routed, never earlier.
 *
 * <p>While a subscriber is congested ({@link dev.iotemulator.internal.session.FlowControl}) the client's PUBLISHes
 * are held, in order and unacknowledged, so a QoS 1 publisher's in-flight window fills and it slows down; its other
 * packets (its own acknowledgements, pings) are still read. QoS 0 has no window, so once 64 QoS 0 messages are held
 * the connection stops reading until the hold clears, and TCP slows the publisher down; so does any publisher that
 * has 1,000 messages held (one that ignores its own in-flight limit). Only past 10,000 held, which one batch of reads
 * cannot bring, is a QoS 0 message dropped and counted.
 *
 * <p>An MQTT 5 PUBLISH is read by {@link Mqtt5Publish}; a denied or invalid one is answered the MQTT 5 way (developer guide, "MQTT"): PUBACK 0x87 or 0x90 for
 * QoS 1, a dropped message for a denied QoS 0, a DISCONNECT for QoS 2 (0x9B), an oversized packet (0x95) or a bad
 * topic alias (0x94).
 */
final class PublishStep implements Origin {

    private static final Logger LOG = LoggerFactory.getLogger(PublishStep.class);

    /** Held QoS 0 messages at which the connection stops reading. */
    static final int QOS0_READ_PAUSE = 64;
    /** Held messages at which the connection stops reading whatever their QoS. */
    static final int READ_PAUSE = 1000;
    /** Held messages beyond which a new QoS 0 one is dropped. */
    static final int HOLD_CAP = 10_000;

    private record Held(Publish publish, int packetId) {
    }

    private final MqttConnection conn;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private int heldQos0;
    private boolean readingPaused;
    private boolean waitingForClear;
    private int packetId;
    private int qos;

    PublishStep(MqttConnection conn) {
        this.conn = conn;
    }

    void publish(MqttPublishMessage message) {
        Publish publish = conn.v5 == null ? plain(message) : Mqtt5Publish.read(conn, message);
        if (publish == null) {
            return;
        }
        int id = message.variableHeader().packetId();
        if (!held.isEmpty() || conn.context.flow().congested()) {
            hold(publish, id);
        } else {
            route(publish, id);
        }
    }

    private Publish plain(MqttPublishMessage message) {
        // One copy, here: the payload is then shared by the journal, the retained store, the broker and every
        // delivery, and the decoder's buffer is free at once.
        return new Publish(message.variableHeader().topicName(), ByteBufUtil.getBytes(message.payload()),
                message.fixedHeader().qosLevel().value(), message.fixedHeader().isRetain(), Source.MQTT,
                conn.identity.principal(), conn.clientId);
    }

    private void route(Publish publish, int id) {
        packetId = id;
        qos = publish.qos();
        Outcome outcome = conn.context.pipeline().publish(publish, this);
        if (outcome instanceof Outcome.Invalid invalid) {
            invalid(publish, id, invalid);
        } else if (outcome instanceof Outcome.Denied) {
            if (conn.v5 == null) {
                conn.close(DisconnectReason.AUTH_ERROR);
            } else if (publish.qos() > 0) {
                pubAck(id, ReasonCode.NOT_AUTHORIZED);
            }
        } else if (outcome instanceof Outcome.Consumed && publish.qos() > 0) {
            pubAck(id, ReasonCode.SUCCESS);
        }
    }

    /** MQTT 3.1.1 closes; MQTT 5 answers a QoS 1 PUBLISH with PUBACK 0x90, and disconnects otherwise. */
    private void invalid(Publish publish, int id, Outcome.Invalid invalid) {
        if (conn.v5 == null) {
            conn.clientError(invalid.problem());
        } else if (invalid.tooLarge()) {
            conn.clientError(invalid.problem(), ReasonCode.PACKET_TOO_LARGE);
        } else if (publish.qos() > 0) {
            LOG.warn("event=publish_refused clientId={} topic={} reasonCode={} message=\"{}\"", conn.clientId,
                    publish.topic(), ReasonCode.TOPIC_NAME_INVALID, invalid.problem());
            pubAck(id, ReasonCode.TOPIC_NAME_INVALID);
        } else {
            conn.clientError(invalid.problem(), ReasonCode.TOPIC_NAME_INVALID);
        }
    }

    private void pubAck(int id, ReasonCode code) {
        conn.channel.write(MqttMessageBuilders.pubAck().packetId(id).reasonCode((byte) code.value()).build());
    }

    private void hold(Publish publish, int id) {
        if (publish.qos() == 0) {
            if (held.size() >= HOLD_CAP) {
                conn.context.drops().dropped(DropCounters.Reason.QOS0_PUBLISHER_HELD, conn.clientId,
                        publish.topic(), 0);
                return;
            }
            heldQos0++;
        }
        held.add(new Held(publish, id));
        if (!readingPaused && (heldQos0 >= QOS0_READ_PAUSE || held.size() >= READ_PAUSE)) {
            readingPaused = true;
            conn.channel.config().setAutoRead(false);
        }
        if (!waitingForClear) {
            waitingForClear = true;
            conn.context.flow().whenClear(() -> conn.channel.eventLoop().execute(this::release));
        }
    }

    /**
     * Congestion cleared: routes everything held, in order. All of it, even if the broker falls behind again on the
     * way: the held messages are in memory already, a QoS 1 publisher has no more than its window held, and stopping
     * half-way would make every publisher wait and wake again for a few messages at a time.
     */
    private void release() {
        waitingForClear = false;
        while (!held.isEmpty() && !conn.closed()) {
            Held next = held.poll();
            if (next.publish().qos() == 0) {
                heldQos0--;
            }
            route(next.publish(), next.packetId());
        }
        if (conn.closed()) {
            discard();
            return;
        }
        conn.channel.flush();
        Session session = conn.session;
        session.execute(session::batchEnd);
        if (readingPaused && heldQos0 < QOS0_READ_PAUSE && held.size() < READ_PAUSE) {
            readingPaused = false;
            conn.channel.config().setAutoRead(true);
        }
    }

    void discard() {
        held.clear();
        heldQos0 = 0;
    }

    // ---- Origin ----------------------------------------------------------------------------------------------

    @Override
    public String denyPublish(String topic, boolean retain) {
        String consequence = conn.v5 == null ? ConnectionPolicy.DISCONNECTED
                : qos > 0 ? ConnectionPolicy.REFUSED_0X87 : ConnectionPolicy.DROPPED;
        return conn.policy.mayPublish(topic, retain, consequence) ? null : "not allowed by the client's IoT policies";
    }

    @Override
    public boolean forward(Publish publish) {
        Session session = conn.session;
        int id = packetId;
        Publish extras = publish.hasMqtt5Extras() ? publish : null;
        if (session.inLoop()) {
            session.forward(publish.topic(), publish.payload(), publish.qos(), id, extras);
        } else {
            session.execute(() -> session.forward(publish.topic(), publish.payload(), publish.qos(), id, extras));
        }
        return true;
    }
}
