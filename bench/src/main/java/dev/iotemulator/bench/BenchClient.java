package dev.iotemulator.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT 3.1.1 (or MQTT 5) connection of the load generator, on a shared Netty event loop (thousands of these cost a few
 * threads, unlike Paho's thread per client). Callbacks run on the connection's event loop.
 */
final class BenchClient {

    /** Receives PUBLISH payloads; must not retain {@code payload}. */
    interface Receiver {
        void onMessage(ByteBuf payload);
    }

    static final int KEEP_ALIVE_SECONDS = 300;
    private static final int MAX_PACKET_BYTES = 1 << 20;
    /** What an MQTT 5 PUBLISH of the load generator carries: a content type and two user properties. */
    private static final MqttProperties MQTT5_PUBLISH_PROPERTIES = new MqttProperties();

    static {
        MQTT5_PUBLISH_PROPERTIES.add(new MqttProperties.StringProperty(
                MqttProperties.MqttPropertyType.CONTENT_TYPE.value(), "application/octet-stream"));
        MQTT5_PUBLISH_PROPERTIES.add(new MqttProperties.UserProperty("source", "iot-bench"));
        MQTT5_PUBLISH_PROPERTIES.add(new MqttProperties.UserProperty("schema", "1"));
    }

    private final Channel channel;
    private final Handler handler;
    private final boolean mqtt5;
    private int nextPacketId = 1;

    private BenchClient(Channel channel, Handler handler, boolean mqtt5) {
        this.channel = channel;
        this.handler = handler;
        this.mqtt5 = mqtt5;
    }

    /** Opens the connection and completes once the broker has answered CONNACK 0 (accepted). */
    static CompletableFuture<BenchClient> connect(EventLoopGroup group, Endpoint endpoint, String clientId,
            Receiver receiver) {
        CompletableFuture<BenchClient> connected = new CompletableFuture<>();
        Handler handler = new Handler(clientId, receiver, connected, endpoint.transport() == Endpoint.Transport.TCP,
                endpoint.mqtt5());
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (endpoint.transport() == Endpoint.Transport.WEBSOCKET) {
                            URI url = endpoint.webSocketUrl().get();
                            p.addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                    new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                            .webSocketUri(url).version(WebSocketVersion.V13).subprotocol("mqtt")
                                            .customHeaders(new DefaultHttpHeaders()).maxFramePayloadLength(MAX_PACKET_BYTES)
                                            .handshakeTimeoutMillis(10_000).build()),
                                    new WebSocketBytes());
                        }
                        p.addLast(new MqttDecoder(MAX_PACKET_BYTES), MqttEncoder.INSTANCE, handler);
                    }
                });
        ChannelFuture future = bootstrap.connect(endpoint.host(), endpoint.port());
        future.addListener(f -> {
            if (!f.isSuccess()) {
                connected.completeExceptionally(f.cause());
            }
        });
        return connected.orTimeout(20, TimeUnit.SECONDS).whenComplete((c, e) -> {
            if (e != null) {
                future.channel().close();
            }
        });
    }

    Channel channel() {
        return channel;
    }

    boolean isWritable() {
        return channel.isWritable();
    }

    /** Called on the event loop for each PUBACK this client receives. */
    void onPubAck(Runnable action) {
        handler.onPubAck = action;
    }

    /** Called on the event loop whenever the socket becomes writable again. */
    void onWritable(Runnable action) {
        handler.onWritable = action;
    }

    CompletableFuture<Void> subscribe(String topicFilter, MqttQoS qos) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        channel.eventLoop().execute(() -> {
            handler.subAck = subscribed;
            channel.writeAndFlush(MqttMessageBuilders.subscribe().messageId(packetId())
                    .addSubscription(qos, topicFilter).build());
        });
        return subscribed.orTimeout(20, TimeUnit.SECONDS);
    }

    /** Writes a PUBLISH (takes ownership of {@code payload}); call on the event loop, and flush in batches. */
    void publish(String topic, MqttQoS qos, ByteBuf payload, boolean flush) {
        // Not MqttMessageBuilders.publish(): its build() copies the payload into a new buffer and leaks the original.
        MqttPublishMessage message = new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, qos, false, 0),
                new MqttPublishVariableHeader(topic, qos == MqttQoS.AT_MOST_ONCE ? -1 : packetId(),
                        mqtt5 ? MQTT5_PUBLISH_PROPERTIES : MqttProperties.NO_PROPERTIES), payload);
        if (flush) {
            channel.writeAndFlush(message, channel.voidPromise());
        } else {
            channel.write(message, channel.voidPromise());
        }
    }

    void flush() {
        channel.flush();
    }

    void close() {
        channel.close();
    }

    private int packetId() {
        int id = nextPacketId;
        nextPacketId = id == 0xFFFF ? 1 : id + 1;
        return id;
    }

    /** Completes connect, answers PUBACK for QoS 1 deliveries, and hands payloads to the receiver. */
    private static final class Handler extends ChannelInboundHandlerAdapter {
        private final String clientId;
        private final Receiver receiver;
        private final CompletableFuture<BenchClient> connected;
        private final boolean connectOnActive;
        private final boolean mqtt5;
        private volatile Runnable onPubAck = () -> { };
        private volatile Runnable onWritable = () -> { };
        private CompletableFuture<Void> subAck;

        Handler(String clientId, Receiver receiver, CompletableFuture<BenchClient> connected, boolean connectOnActive,
                boolean mqtt5) {
            this.clientId = clientId;
            this.receiver = receiver;
            this.connected = connected;
            this.connectOnActive = connectOnActive;
            this.mqtt5 = mqtt5;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            if (connectOnActive) {
                sendConnect(ctx);
            }
            super.channelActive(ctx);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                sendConnect(ctx);
            }
            super.userEventTriggered(ctx, evt);
        }

        private void sendConnect(ChannelHandlerContext ctx) {
            ctx.writeAndFlush(MqttMessageBuilders.connect().clientId(clientId)
                    .protocolVersion(mqtt5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                    .cleanSession(true).keepAlive(KEEP_ALIVE_SECONDS).build());
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!(msg instanceof MqttMessage m)) {
                    return;
                }
                if (m.decoderResult().isFailure()) {
                    fail(ctx, m.decoderResult().cause());
                    return;
                }
                MqttMessageType type = m.fixedHeader().messageType();
                switch (type) {
                    case PUBLISH -> onPublish(ctx, (MqttPublishMessage) m);
                    case PUBACK -> onPubAck.run();
                    case CONNACK -> onConnAck(ctx, (MqttConnAckMessage) m);
                    case SUBACK -> {
                        if (subAck != null) {
                            subAck.complete(null);
                        }
                    }
                    default -> { }
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void onPublish(ChannelHandlerContext ctx, MqttPublishMessage publish) {
            if (publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
                ctx.write(new MqttMessage(new MqttFixedHeader(MqttMessageType.PUBACK, false, MqttQoS.AT_MOST_ONCE,
                        false, 2), MqttMessageIdVariableHeader.from(publish.variableHeader().packetId())),
                        ctx.voidPromise());
            }
            receiver.onMessage(publish.payload());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
            ctx.flush();
            super.channelReadComplete(ctx);
        }

        private void onConnAck(ChannelHandlerContext ctx, MqttConnAckMessage ack) {
            MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
            if (code == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                connected.complete(new BenchClient(ctx.channel(), this, mqtt5));
            } else {
                fail(ctx, new IllegalStateException("CONNACK " + code + " for " + clientId));
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
            if (ctx.channel().isWritable()) {
                onWritable.run();
            }
            super.channelWritabilityChanged(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            connected.completeExceptionally(new IllegalStateException("connection closed before CONNACK: " + clientId));
            super.channelInactive(ctx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(ctx, cause);
        }

        private void fail(ChannelHandlerContext ctx, Throwable cause) {
            connected.completeExceptionally(cause);
            ctx.close();
        }
    }

    /** Unwraps WebSocket data frames into the MQTT byte stream and wraps MQTT bytes into binary frames. */
    private static final class WebSocketBytes extends MessageToMessageCodec<WebSocketFrame, ByteBuf> {
        @Override
        protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
            out.add(new BinaryWebSocketFrame(msg.retain()));
        }

        @Override
        protected void decode(ChannelHandlerContext ctx, WebSocketFrame frame, List<Object> out) {
            out.add(frame.content().retain());
        }
    }
}
