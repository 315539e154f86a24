package dev.iotemulator.internal.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttSubscribePayload;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribePayload;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One gateway session's connection to the embedded broker: an in-process channel that carries decoded MQTT messages,
 * with no socket and no encoding. The broker sees it as an MQTT 3.1.1 client with a clean session and no keep-alive;
 * the gateway keeps everything else about the session (persistence, the client's keep-alive, its Will).
 *
 * <p>The link acknowledges every QoS 1 delivery as it reads it: from then on the gateway owns the message (its
 * outbound queue delivers it to the client, or keeps it for a persistent session). So the broker's in-flight window
 * of 10 never fills and its 5 s resend never fires.
 *
 * <p>Once it has sent its DISCONNECT the link sends nothing more, acknowledgements included, and drops what the broker
 * still delivers. Moquette 0.17 releases a clean session's in-flight messages when it processes the DISCONNECT, yet
 * keeps them in its in-flight map; a PUBACK processed after that releases one a second time, and the exception kills
 * the broker's session thread for every client id that hashes to it.
 *
 * <p>All {@link Listener} calls run on the link's event loop; the other methods may be called from any thread.
 */
public final class BrokerLink {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerLink.class);

    /**
     * What the broker sends a session. Called on {@link #eventLoop()}; must not throw. A link that only publishes,
     * or only listens, implements what it needs: the rest does nothing.
     */
    public interface Listener {

        /**
         * A message for one of the session's subscriptions, already acknowledged to the broker.
         *
         * @param tag what the publisher attached to the message ({@link #publish}), or null
         */
        default void delivered(String topic, byte[] payload, int qos, Object tag) {
        }

        /** The broker has routed the session's QoS 1 PUBLISH with this packet id (its PUBACK). */
        default void published(int packetId) {
        }

        /** The broker's SUBACK: one granted QoS (or 0x80) per filter, in order. */
        default void subscribed(int packetId, List<Integer> grantedQos) {
        }

        default void unsubscribed(int packetId) {
        }

        /** The end of a batch of messages from the broker: the moment to flush what they caused. */
        default void brokerBatchEnd() {
        }

        /** The link is closed, whoever closed it (also when it failed to open). */
        default void closed() {
        }
    }

    private final Channel channel;
    private final LinkHandler handler;
    private final BrokerBacklog backlog;

    private BrokerLink(Channel channel, LinkHandler handler, BrokerBacklog backlog) {
        this.channel = channel;
        this.handler = handler;
        this.backlog = backlog;
    }

    static CompletableFuture<BrokerLink> open(LocalAddress broker, LinkTokens tokens, BrokerBacklog backlog,
            EventLoop loop, String clientId, Listener listener) {
        CompletableFuture<BrokerLink> opened = new CompletableFuture<>();
        LinkHandler handler = new LinkHandler(listener, opened);
        LinkTokens.Issued issued = tokens.issue(clientId, () -> loop.execute(handler::brokerReady));
        opened.whenComplete((link, failure) -> tokens.revoke(issued.token()));
        new Bootstrap().group(loop).channel(LocalChannel.class).handler(handler).connect(broker)
                .addListener((ChannelFutureListener) connected -> {
                    if (!connected.isSuccess()) {
                        opened.completeExceptionally(connected.cause());
                        return;
                    }
                    handler.link = new BrokerLink(connected.channel(), handler, backlog);
                    connected.channel().writeAndFlush(new MqttConnectMessage(
                            new MqttFixedHeader(MqttMessageType.CONNECT, false, MqttQoS.AT_MOST_ONCE, false, 0),
                            new MqttConnectVariableHeader(MqttVersion.MQTT_3_1_1.protocolName(),
                                    MqttVersion.MQTT_3_1_1.protocolLevel(), true, true, false, 0, false, true, 0),
                            new MqttConnectPayload(clientId, null, (byte[]) null, issued.token(), issued.secret())));
                });
        return opened;
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    /**
     * Routes a message as the session's PUBLISH; for QoS 1 the broker answers {@link Listener#published}.
     *
     * @param tag travels beside the payload to every subscriber's {@link Listener#delivered}; the broker never sees
     *     it. Null for a plain message
     */
    public void publish(String topic, byte[] payload, int qos, int packetId, Object tag) {
        write(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), false, 0),
                new MqttPublishVariableHeader(topic, qos == 0 ? -1 : packetId), backlog.wrap(payload, tag)));
    }

    /** @param filters each filter with its requested QoS */
    public void subscribe(int packetId, List<MqttTopicSubscription> filters) {
        write(new MqttSubscribeMessage(
                new MqttFixedHeader(MqttMessageType.SUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttSubscribePayload(filters)));
    }

    public void unsubscribe(int packetId, List<String> filters) {
        write(new MqttUnsubscribeMessage(
                new MqttFixedHeader(MqttMessageType.UNSUBSCRIBE, false, MqttQoS.AT_LEAST_ONCE, false, 0),
                MqttMessageIdVariableHeader.from(packetId), new MqttUnsubscribePayload(filters)));
    }

    /** Sends what was written since the last flush. */
    public void flush() {
        channel.flush();
    }

    /**
     * Ends the broker's session (its subscriptions go with it): an MQTT DISCONNECT, after which the broker closes
     * the link. Completes once the link is closed.
     */
    public CompletableFuture<Void> disconnect() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        channel.closeFuture().addListener(f -> done.complete(null));
        Runnable send = () -> {
            if (!handler.disconnected) {
                handler.disconnected = true;
                channel.writeAndFlush(MqttMessageBuilders.disconnect().build());
            }
        };
        if (channel.eventLoop().inEventLoop()) {
            send.run();
        } else {
            channel.eventLoop().execute(send);
        }
        return done;
    }

    /** Writes {@code msg} unless the link has sent its DISCONNECT (on its loop; from elsewhere, as a task). */
    private void write(MqttMessage msg) {
        if (channel.eventLoop().inEventLoop()) {
            if (handler.disconnected) {
                ReferenceCountUtil.release(msg);
            } else {
                channel.write(msg);
            }
        } else {
            channel.eventLoop().execute(() -> write(msg));
        }
    }

    /** Closes the link at once, without a DISCONNECT (the broker treats it as a lost connection). */
    public void close() {
        channel.close();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** The gateway's side of the link. */
    private static final class LinkHandler extends ChannelInboundHandlerAdapter {
        private final Listener listener;
        private final CompletableFuture<BrokerLink> opened;
        private BrokerLink link;
        private boolean connAcked;
        private boolean ready;
        /** Set on the link's loop when its DISCONNECT is written; nothing is written after it. */
        private boolean disconnected;

        LinkHandler(Listener listener, CompletableFuture<BrokerLink> opened) {
            this.listener = listener;
            this.opened = opened;
        }

        void brokerReady() {
            ready = true;
            completeOpen();
        }

        private void completeOpen() {
            if (connAcked && ready && link != null && link.channel.isActive()) {
                opened.complete(link);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                read(ctx, (MqttMessage) msg);
            } catch (RuntimeException e) {
                LOG.error("event=broker_link_error error=\"{}\"", e.toString(), e);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void read(ChannelHandlerContext ctx, MqttMessage msg) {
            switch (msg.fixedHeader().messageType()) {
                case PUBLISH -> {
                    if (disconnected) {
                        return;
                    }
                    MqttPublishMessage publish = (MqttPublishMessage) msg;
                    int qos = publish.fixedHeader().qosLevel().value();
                    if (qos > 0) {
                        ctx.write(MqttMessageBuilders.pubAck().packetId(publish.variableHeader().packetId()).build());
                    }
                    listener.delivered(publish.variableHeader().topicName(), bytes(publish.payload()), qos,
                            BrokerBacklog.tagOf(publish.payload()));
                }
                case PUBACK -> listener.published(((MqttPubAckMessage) msg).variableHeader().messageId());
                case SUBACK -> {
                    MqttSubAckMessage subAck = (MqttSubAckMessage) msg;
                    listener.subscribed(subAck.variableHeader().messageId(),
                            new ArrayList<>(subAck.payload().grantedQoSLevels()));
                }
                case UNSUBACK -> listener.unsubscribed(((MqttMessageIdVariableHeader) msg.variableHeader())
                        .messageId());
                case CONNACK -> {
                    MqttConnectReturnCode code = ((MqttConnAckMessage) msg).variableHeader().connectReturnCode();
                    if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                        opened.completeExceptionally(new IllegalStateException("the broker refused the link: "
                                + code));
                        ctx.close();
                        return;
                    }
                    connAcked = true;
                    completeOpen();
                }
                default -> LOG.debug("event=broker_link_ignored type={}", msg.fixedHeader().messageType());
            }
        }

        /**
         * The payload's bytes. Every message reaches the broker from the gateway as a wrapped array, and the broker
         * passes on duplicates of it, so the array is usually there to share; otherwise it is copied.
         */
        private static byte[] bytes(ByteBuf payload) {
            if (payload.hasArray() && payload.arrayOffset() == 0 && payload.readerIndex() == 0
                    && payload.readableBytes() == payload.array().length) {
                return payload.array();
            }
            return ByteBufUtil.getBytes(payload);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
            listener.brokerBatchEnd();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            opened.completeExceptionally(new IllegalStateException("the broker closed the link"));
            listener.closed();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.warn("event=broker_link_error error=\"{}\"", cause.toString());
            ctx.close();
        }
    }
}
