package dev.iotemulator.internal.connection;

import dev.iotemulator.internal.logging.LogValues;
import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.KeepAlive;
import dev.iotemulator.internal.mqtt5.ReasonCode;
import dev.iotemulator.internal.session.Session;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MQTT end of every client pipeline (WebSocket, TCP, TLS): reads the client's packets and hands each to the step
 * for its type. Packets that arrive before the CONNACK wait for it; a connection without a CONNECT within 20 s, a
 * malformed packet, a QoS 2 packet or a second CONNECT is closed as AWS IoT closes it (an MQTT 5 client gets a
 * DISCONNECT with the reason code first). MQTT 5 specifics live in the steps and in {@link Mqtt5Client}.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);
    private static final int MAX_PENDING = 1024;
    private static final long CONNECT_TIMEOUT_SECONDS = 20;
    private static final MqttMessage PINGRESP = new MqttMessage(
            new MqttFixedHeader(MqttMessageType.PINGRESP, false, MqttQoS.AT_MOST_ONCE, false, 0));

    private final ConnectionContext context;
    private final ConnectionIdentity identity;
    private final String transport;
    private final ArrayDeque<MqttMessage> pending = new ArrayDeque<>();
    private MqttConnection conn;
    private ConnectStep connect;
    private PublishStep publishes;
    private SubscribeStep subscribes;

    /**
     * @param identity who the client is, when established before the CONNECT (SigV4 at the WebSocket upgrade); null
     *     when it is established at CONNECT
     * @param transport {@code wss}, {@code tcp} or {@code mtls}
     */
    public MqttConnectionHandler(ConnectionContext context, ConnectionIdentity identity, String transport) {
        this.context = context;
        this.identity = identity;
        this.transport = transport;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        conn = new MqttConnection(context, ctx.channel(), identity, transport);
        connect = new ConnectStep(conn, this::connected);
        publishes = new PublishStep(conn);
        subscribes = new SubscribeStep(conn);
        ctx.executor().schedule(() -> {
            if (conn.state == MqttConnection.State.AWAITING_CONNECT && ctx.channel().isActive()) {
                LOG.info("event=connect_timeout remote={} transport={} message=\"no MQTT CONNECT within {} s\"",
                        ctx.channel().remoteAddress(), transport, CONNECT_TIMEOUT_SECONDS);
                conn.close(DisconnectReason.CLIENT_ERROR);
            }
        }, CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage mqtt)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (mqtt.decoderResult().isFailure()) {
            ReferenceCountUtil.release(msg);
            UndecodablePacket undecodable = UndecodablePacket.of(mqtt, conn.clientId);
            if (undecodable.connect() && conn.state == MqttConnection.State.AWAITING_CONNECT) {
                connect.undecodable(undecodable);
            } else {
                conn.clientError(undecodable.problem(), mqtt.decoderResult().cause() instanceof TooLongFrameException
                        ? ReasonCode.PACKET_TOO_LARGE : ReasonCode.MALFORMED_PACKET);
            }
            return;
        }
        switch (conn.state) {
            case AWAITING_CONNECT -> {
                if (mqtt instanceof MqttConnectMessage first) {
                    connect.connect(first);
                } else {
                    ReferenceCountUtil.release(msg);
                    conn.clientError("the first packet must be CONNECT but was " + mqtt.fixedHeader().messageType());
                }
            }
            case CONNECTING -> {
                if (mqtt.fixedHeader().messageType() == MqttMessageType.CONNECT || pending.size() >= MAX_PENDING) {
                    ReferenceCountUtil.release(msg);
                    conn.clientError("sent " + mqtt.fixedHeader().messageType() + " before its CONNACK");
                } else {
                    pending.add(mqtt);
                }
            }
            case CONNECTED -> dispatch(mqtt);
            case CLOSED -> ReferenceCountUtil.release(msg);
        }
    }

    private void dispatch(MqttMessage msg) {
        switch (msg.fixedHeader().messageType()) {
            case PUBLISH -> publishes.publish((MqttPublishMessage) msg);
            case PUBACK -> {
                int packetId = ((MqttPubAckMessage) msg).variableHeader().messageId();
                Session session = conn.session;
                if (session.inLoop()) {
                    session.clientAcked(packetId);
                } else {
                    session.execute(() -> session.clientAcked(packetId));
                }
            }
            case SUBSCRIBE -> subscribes.subscribe((MqttSubscribeMessage) msg);
            case UNSUBSCRIBE -> subscribes.unsubscribe((MqttUnsubscribeMessage) msg);
            case PINGREQ -> conn.channel.write(PINGRESP);
            case DISCONNECT -> ClientDisconnect.received(conn, msg);
            case CONNECT -> conn.clientError("sent a second CONNECT on an open connection");
            case PUBREC, PUBREL, PUBCOMP -> conn.clientError("sent " + msg.fixedHeader().messageType()
                    + ", a QoS 2 packet; AWS IoT supports QoS 0 and 1 only");
            default -> conn.clientError("sent " + msg.fixedHeader().messageType() + ", which a client never sends");
        }
        ReferenceCountUtil.release(msg);
    }

    /** The CONNACK is out: what arrived meanwhile is handled now, in order. */
    private void connected() {
        MqttMessage next;
        while ((next = pending.poll()) != null) {
            if (conn.closed()) {
                ReferenceCountUtil.release(next);
            } else {
                dispatch(next);
            }
        }
        endOfBatch();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        endOfBatch();
        ctx.fireChannelReadComplete();
    }

    /** Sends, once per batch of packets read, what they caused: to the broker and back to the client. */
    private void endOfBatch() {
        if (conn.state == MqttConnection.State.CONNECTED) {
            conn.channel.flush();
            Session session = conn.session;
            session.execute(session::batchEnd);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        Session session = conn.session;
        if (session != null && ctx.channel().isWritable()) {
            session.execute(session::writable);
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == ClientClosedWebSocket.INSTANCE) {
            conn.close(DisconnectReason.CLIENT_INITIATED_DISCONNECT);
        } else if (evt instanceof IdleStateEvent && conn.state == MqttConnection.State.CONNECTED) {
            LOG.info("event=keep_alive_timeout clientId={} remote={} keepAliveSeconds={} message=\"no packet from the "
                    + "client for 1.5 x its keep-alive ({} s after AWS clamping); disconnecting as AWS IoT does\"",
                    LogValues.escape(conn.clientId), ctx.channel().remoteAddress(), conn.keepAliveSeconds,
                    KeepAlive.clamp(conn.keepAliveSeconds));
            conn.close(DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT);
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        conn.close(DisconnectReason.CONNECTION_LOST);
        publishes.discard();
        MqttMessage queued;
        while ((queued = pending.poll()) != null) {
            ReferenceCountUtil.release(queued);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("event=client_io_error clientId={} error=\"{}\"", LogValues.escape(conn.clientId),
                    cause.toString());
            conn.close(DisconnectReason.CONNECTION_LOST);
        } else {
            conn.clientError(cause.toString());
        }
    }

    /** User event: the client sent a WebSocket close frame, which AWS IoT counts as a client-initiated disconnect. */
    public enum ClientClosedWebSocket { INSTANCE }

    /** The connection as a session client, for the admin API's listing and disconnects. */
    MqttConnection connection() {
        return conn;
    }
}
