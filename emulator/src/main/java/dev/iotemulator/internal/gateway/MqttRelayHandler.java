package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.auth.LocalCredential;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: checks the client's MQTT packets, relays them to the broker over its own loopback
 * connection, and relays the broker's packets back.
 *
 * <p>The broker sees the connection under an opaque per-connection token as its MQTT username. The client's CONNACK
 * is held until the broker reports the session ready, so a SUBSCRIBE sent right after the CONNACK is never dropped
 * (Moquette 0.17 marks a connection connected only after writing its CONNACK).
 */
final class MqttRelayHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MqttRelayHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_PENDING = 1024;
    private static final long CONNECT_TIMEOUT_SECONDS = 20;

    private enum State { AWAITING_CONNECT, CONNECTING, CONNECTED, CLOSED }

    private final GatewayContext context;
    private final String transport;
    private final ArrayDeque<MqttMessage> pending = new ArrayDeque<>();
    private ConnectionIdentity identity;
    private ConnectionPolicy policy;
    private State state = State.AWAITING_CONNECT;
    private Channel client;
    private Channel upstream;
    private String token;
    private String clientId = "";
    private MqttConnAckMessage heldConnAck;
    private boolean sessionReady;

    MqttRelayHandler(GatewayContext context, ConnectionIdentity identity, String transport) {
        this.context = context;
        this.identity = identity;
        this.transport = transport;
    }

    String clientId() {
        return clientId;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        client = ctx.channel();
        ctx.executor().schedule(() -> {
            if (state == State.AWAITING_CONNECT && client.isActive()) {
                LOG.info("event=connect_timeout remote={} transport={} message=\"no MQTT CONNECT within {} s\"",
                        client.remoteAddress(), transport, CONNECT_TIMEOUT_SECONDS);
                client.close();
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
            clientError("malformed MQTT packet: " + mqtt.decoderResult().cause().getMessage());
            return;
        }
        switch (state) {
            case AWAITING_CONNECT -> {
                if (mqtt instanceof MqttConnectMessage connect) {
                    connect(connect);
                } else {
                    ReferenceCountUtil.release(msg);
                    clientError("the first packet must be CONNECT but was " + mqtt.fixedHeader().messageType());
                }
            }
            case CONNECTING -> {
                if (mqtt.fixedHeader().messageType() == MqttMessageType.CONNECT || pending.size() >= MAX_PENDING) {
                    ReferenceCountUtil.release(msg);
                    clientError("sent " + mqtt.fixedHeader().messageType() + " before its CONNACK");
                } else {
                    pending.add(mqtt);
                }
            }
            case CONNECTED -> fromClient(mqtt);
            case CLOSED -> ReferenceCountUtil.release(msg);
        }
    }

    private void connect(MqttConnectMessage connect) {
        MqttConnectVariableHeader header = connect.variableHeader();
        MqttConnectPayload payload = connect.payload();
        clientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        if (header.version() != 3 && header.version() != 4) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=UNSUPPORTED_PROTOCOL message=\"MQTT "
                    + "protocol level {} is not emulated yet; connect with MQTT 3.1.1 (level 4)\"", clientId,
                    client.remoteAddress(), header.version());
            refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
            return;
        }
        if (identity == null) {
            Optional<ConnectionIdentity> tcpIdentity = tcpIdentity(payload);
            if (tcpIdentity.isEmpty()) {
                refuseConnect(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                return;
            }
            identity = tcpIdentity.get();
        }
        policy = context.authorizer().forConnection(identity, clientId, client.remoteAddress());
        if (!policy.mayConnect(header.isCleanSession(), header.isWillFlag() ? payload.willTopic() : null,
                header.isWillFlag() && header.isWillRetain())) {
            close();
            return;
        }
        state = State.CONNECTING;
        client.config().setAutoRead(false);
        token = randomToken();
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        context.registry().register(token, secret, clientId, this);
        MqttConnectMessage upstreamConnect = new MqttConnectMessage(connect.fixedHeader(),
                new MqttConnectVariableHeader(header.name(), header.version(), true, true, header.isWillRetain(),
                        header.willQos(), header.isWillFlag(), header.isCleanSession(), header.keepAliveTimeSeconds()),
                new MqttConnectPayload(clientId, payload.willProperties(), payload.willTopic(),
                        payload.willMessageInBytes(), token, secret));
        openUpstream(upstreamConnect);
    }

    /** Plain TCP has no SigV4: a client may log in with an access key id and secret, otherwise it is the default. */
    private Optional<ConnectionIdentity> tcpIdentity(MqttConnectPayload payload) {
        String username = payload.userName();
        if (username != null) {
            Optional<LocalCredential> named = context.credentials().find(username);
            if (named.isPresent()) {
                byte[] password = payload.passwordInBytes();
                byte[] expected = named.get().secretAccessKey().getBytes(StandardCharsets.UTF_8);
                if (password == null || !MessageDigest.isEqual(expected, password)) {
                    LOG.warn("event=connect_refused clientId={} remote={} reason=BAD_PASSWORD message=\"username is "
                            + "access key id {} but the password is not its secret access key\"", clientId,
                            client.remoteAddress(), username);
                    return Optional.empty();
                }
                return Optional.of(ConnectionIdentity.localTcp(named.get()));
            }
        }
        return Optional.of(ConnectionIdentity.localTcp(context.credentials().defaultCredential()));
    }

    private void openUpstream(MqttConnectMessage upstreamConnect) {
        new Bootstrap()
                .group(client.eventLoop())
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new MqttDecoder(context.settings().maxMqttPacketBytes()),
                                MqttEncoder.INSTANCE, new UpstreamHandler(MqttRelayHandler.this));
                    }
                })
                .connect("127.0.0.1", context.broker().port())
                .addListener((ChannelFutureListener) future -> {
                    if (!future.isSuccess()) {
                        LOG.error("event=broker_unreachable clientId={} error=\"{}\"", clientId, future.cause().toString());
                        close();
                    } else if (state == State.CLOSED) {
                        future.channel().close();
                    } else {
                        upstream = future.channel();
                        upstream.writeAndFlush(upstreamConnect);
                    }
                });
    }

    /** Called by the broker's interceptor thread once the broker has marked the session connected. */
    void brokerSessionReady() {
        client.eventLoop().execute(() -> {
            sessionReady = true;
            completeConnectWhenReady();
        });
    }

    void fromBroker(MqttMessage msg) {
        if (state == State.CONNECTING && msg instanceof MqttConnAckMessage connAck) {
            if (connAck.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                LOG.warn("event=connect_refused clientId={} remote={} reason=BROKER returnCode={}", clientId,
                        client.remoteAddress(), connAck.variableHeader().connectReturnCode());
                client.writeAndFlush(connAck).addListener(ChannelFutureListener.CLOSE);
                state = State.CLOSED;
                return;
            }
            heldConnAck = connAck;
            completeConnectWhenReady();
        } else if (msg.fixedHeader().messageType() == MqttMessageType.PUBACK) {
            ReferenceCountUtil.release(msg);
        } else if (state == State.CONNECTED && msg instanceof MqttPublishMessage publish
                && !policy.mayReceive(publish.variableHeader().topicName())) {
            PolicyAcks.acknowledgeUndelivered(upstream, publish);
            ReferenceCountUtil.release(msg);
        } else if (state == State.CONNECTED && client.isActive()) {
            client.writeAndFlush(msg);
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void completeConnectWhenReady() {
        if (state != State.CONNECTING || heldConnAck == null || !sessionReady) {
            return;
        }
        state = State.CONNECTED;
        client.writeAndFlush(heldConnAck);
        heldConnAck = null;
        LOG.debug("event=connected clientId={} remote={} transport={} principal={}", clientId,
                client.remoteAddress(), transport, identity.principal());
        MqttMessage next;
        while ((next = pending.poll()) != null) {
            fromClient(next);
        }
        client.config().setAutoRead(upstream.isWritable());
    }

    private void fromClient(MqttMessage msg) {
        MqttMessageType type = msg.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT) {
            ReferenceCountUtil.release(msg);
            clientError("sent a second CONNECT on an open connection");
            return;
        }
        if (msg instanceof MqttPublishMessage publish
                && publish.payload().readableBytes() > context.settings().maxPayloadBytes()) {
            int size = publish.payload().readableBytes();
            ReferenceCountUtil.release(msg);
            clientError("PUBLISH to '" + publish.variableHeader().topicName() + "' has a payload of " + size
                    + " bytes, over the limit of " + context.settings().maxPayloadBytes() + " bytes (AWS IoT: 128 KB)");
            return;
        }
        if (!mayForward(msg)) {
            ReferenceCountUtil.release(msg);
            close();
            return;
        }
        if (msg instanceof MqttPublishMessage publish && publish.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            acknowledgeOnceRelayed(publish);
            return;
        }
        upstream.writeAndFlush(msg);
        if (type == MqttMessageType.DISCONNECT) {
            state = State.CLOSED;
            client.close();
        }
    }

    /**
     * The gateway, not the broker, acknowledges a client's QoS 1 PUBLISH, once the broker has it. Moquette drops its
     * own PUBACK when the connection's outbound buffer is over its high-water mark, which happens whenever a large
     * message is on its way to the same client (a client subscribed to its own topic, say), and the client then
     * waits forever.
     */
    private void acknowledgeOnceRelayed(MqttPublishMessage publish) {
        int packetId = publish.variableHeader().packetId();
        upstream.writeAndFlush(publish).addListener((ChannelFutureListener) written -> {
            if (written.isSuccess() && state == State.CONNECTED) {
                client.writeAndFlush(MqttMessageBuilders.pubAck().packetId(packetId).build());
            }
        });
    }

    /** AWS IoT closes an MQTT 3.1.1 connection whose PUBLISH or SUBSCRIBE its policies deny. */
    private boolean mayForward(MqttMessage msg) {
        if (msg instanceof MqttPublishMessage publish) {
            return policy.mayPublish(publish.variableHeader().topicName(), publish.fixedHeader().isRetain());
        }
        if (msg instanceof MqttSubscribeMessage subscribe) {
            return policy.maySubscribe(subscribe.payload().topicSubscriptions().stream()
                    .map(MqttTopicSubscription::topicName).toList());
        }
        return true;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == WebSocketMqttFrames.ClientClosedWebSocket.INSTANCE) {
            if (state == State.CONNECTED) {
                upstream.writeAndFlush(MqttMessageBuilders.disconnect().build());
            }
            state = State.CLOSED;
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (state == State.CONNECTED && upstream != null) {
            upstream.config().setAutoRead(client.isWritable());
        }
        ctx.fireChannelWritabilityChanged();
    }

    void brokerWritabilityChanged(boolean writable) {
        if (state == State.CONNECTED) {
            client.config().setAutoRead(writable);
        }
    }

    void brokerClosed() {
        if (client.isActive()) {
            LOG.debug("event=broker_closed_connection clientId={}", clientId);
            client.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("event=client_io_error clientId={} error=\"{}\"", clientId, cause.toString());
        } else {
            LOG.warn("event=client_error clientId={} remote={} error=\"{}\"", clientId, client.remoteAddress(),
                    cause.toString());
        }
        close();
    }

    private void clientError(String problem) {
        LOG.warn("event=client_error clientId={} remote={} transport={} message=\"{}; closing the connection as AWS "
                + "IoT does\"", clientId, client.remoteAddress(), transport, problem);
        close();
    }

    private void refuseConnect(MqttConnectReturnCode code) {
        state = State.CLOSED;
        client.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void close() {
        state = State.CLOSED;
        if (token != null) {
            context.registry().unregister(token);
        }
        MqttMessage queued;
        while ((queued = pending.poll()) != null) {
            ReferenceCountUtil.release(queued);
        }
        if (heldConnAck != null) {
            ReferenceCountUtil.release(heldConnAck);
            heldConnAck = null;
        }
        if (upstream != null) {
            upstream.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        client.close();
    }

    private static String randomToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "gw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
