package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.mqtt.AwsTopics;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.KeepAlive;
import dev.iotemulator.internal.mqtt.LifecycleEvents;
import dev.iotemulator.internal.mqtt.RetainedStore;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttPubAckMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLPeerUnverifiedException;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.ServerTls;
import io.netty.handler.ssl.SslHandler;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
    private boolean cleanSession = true;
    private int keepAliveSeconds;
    private LastWill will;
    private LifecycleEvents.Session lifecycleSession;
    private long lifecycleVersion;
    private boolean closed;
    private Map<String, Integer> subscriptions = new LinkedHashMap<>();
    private final Map<Integer, List<MqttTopicSubscription>> pendingSubscribes = new HashMap<>();
    private final Map<Integer, List<String>> pendingUnsubscribes = new HashMap<>();
    private final GatewayPacketIds gatewayPacketIds = new GatewayPacketIds();

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
                close(DisconnectReason.CLIENT_ERROR);
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
        Optional<String> violation = context.rules().checkConnect(connect);
        if (violation.isPresent()) {
            clientError(violation.get());
            return;
        }
        if (identity == null) {
            SslHandler tls = client.pipeline().get(SslHandler.class);
            Optional<ConnectionIdentity> found = tls != null ? certificateIdentity(tls) : tcpIdentity(payload);
            if (found.isEmpty()) {
                refuseConnect(tls != null ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                        : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
                return;
            }
            identity = found.get();
        }
        lifecycleSession = new LifecycleEvents.Session(clientId, UUID.randomUUID().toString().replace("-", ""),
                identity.principalIdentifier(context.settings().accountId()), remoteIp());
        policy = context.authorizer().forConnection(identity, clientId, client.remoteAddress());
        if (!policy.mayConnect(header.isCleanSession(), header.isWillFlag() ? payload.willTopic() : null,
                header.isWillFlag() && header.isWillRetain())) {
            context.lifecycle().connectFailed(lifecycleSession, "AUTHORIZATION_FAILED");
            close(DisconnectReason.AUTH_ERROR);
            return;
        }
        state = State.CONNECTING;
        cleanSession = header.isCleanSession();
        keepAliveSeconds = header.keepAliveTimeSeconds();
        will = LastWill.of(connect);
        client.config().setAutoRead(false);
        MqttRelayHandler previous = context.registry().claimClientId(clientId, this);
        if (previous != null) {
            previous.closeFromServer(DisconnectReason.DUPLICATE_CLIENTID);
        }
        token = randomToken();
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        context.registry().register(token, secret, clientId, this);
        // The gateway keeps the will and the keep-alive timer itself, so it can apply AWS's rules to both.
        MqttConnectMessage upstreamConnect = new MqttConnectMessage(connect.fixedHeader(),
                new MqttConnectVariableHeader(header.name(), header.version(), true, true, false, 0, false,
                        header.isCleanSession(), 0),
                new MqttConnectPayload(clientId, null, null, null, token, secret));
        openUpstream(upstreamConnect);
    }

    private String remoteIp() {
        return client.remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(client.remoteAddress());
    }

    /**
     * MQTT over TLS: the client certificate is the identity. It was checked during the handshake; it is checked again
     * here because its status may have changed since.
     */
    private Optional<ConnectionIdentity> certificateIdentity(SslHandler tls) {
        X509Certificate certificate = null;
        try {
            Certificate[] peer = tls.engine().getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate x509) {
                certificate = x509;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate: refused below
        }
        DeviceCertificates registry = context.certificates();
        if (certificate == null || registry == null) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=NO_CLIENT_CERTIFICATE message=\"MQTT over "
                    + "TLS (ALPN {}) needs a client certificate, as at AWS IoT; use WSS with SigV4 otherwise\"",
                    clientId, client.remoteAddress(), ServerTls.ALPN_MQTT);
            return Optional.empty();
        }
        Optional<String> refusal = registry.refusal(certificate);
        if (refusal.isPresent()) {
            LOG.warn("event=connect_refused clientId={} remote={} reason=CERTIFICATE message=\"{}\"", clientId,
                    client.remoteAddress(), refusal.get());
            return Optional.empty();
        }
        return registry.find(DeviceCertificates.idOf(certificate)).map(ConnectionIdentity::x509);
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
                        close(DisconnectReason.SERVER_ERROR);
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
            return;
        }
        if (state != State.CONNECTED || !client.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        switch (msg.fixedHeader().messageType()) {
            case PUBACK -> ReferenceCountUtil.release(msg);
            case PUBLISH -> deliver((MqttPublishMessage) msg);
            case SUBACK -> subscribed((MqttSubAckMessage) msg);
            case UNSUBACK -> unsubscribed((MqttUnsubAckMessage) msg);
            default -> client.writeAndFlush(msg);
        }
    }

    /**
     * A delivery from the broker reaches the client only when one of its subscriptions matches the AWS way (the
     * broker follows the MQTT specification, where {@code a/#} also matches {@code a}) and {@code iot:Receive}
     * allows it; otherwise the broker's side is completed so it does not resend.
     */
    private void deliver(MqttPublishMessage publish) {
        String topic = publish.variableHeader().topicName();
        if (!isSubscribedTo(topic) || !policy.mayReceive(topic)) {
            PolicyAcks.acknowledgeUndelivered(upstream, publish);
            ReferenceCountUtil.release(publish);
            return;
        }
        journal(publish, false);
        client.writeAndFlush(publish);
    }

    /** Checked on every delivery, so a plain loop over the (at most 50) filters rather than a stream. */
    private boolean isSubscribedTo(String topic) {
        for (String filter : subscriptions.keySet()) {
            if (AwsTopics.matches(filter, topic)) {
                return true;
            }
        }
        return false;
    }

    private void subscribed(MqttSubAckMessage subAck) {
        List<MqttTopicSubscription> requested = pendingSubscribes.remove(subAck.variableHeader().messageId());
        client.writeAndFlush(subAck);
        if (requested == null) {
            return;
        }
        List<Integer> codes = subAck.payload().grantedQoSLevels();
        List<String> granted = new ArrayList<>();
        for (int i = 0; i < requested.size() && i < codes.size(); i++) {
            String filter = requested.get(i).topicName();
            if (codes.get(i) >= 0x80) {
                subscriptions.remove(filter);
            } else {
                granted.add(filter);
                replayRetained(filter, codes.get(i));
            }
        }
        context.lifecycle().subscriptions(lifecycleSession, true, granted);
    }

    private void unsubscribed(MqttUnsubAckMessage unsubAck) {
        List<String> filters = pendingUnsubscribes.remove(unsubAck.variableHeader().messageId());
        client.writeAndFlush(unsubAck);
        if (filters != null) {
            context.lifecycle().subscriptions(lifecycleSession, false, filters);
        }
    }

    /**
     * AWS IoT sends a stored retained message on SUBSCRIBE only for a filter naming exactly its topic, with RETAIN
     * set on that copy only.
     */
    private void replayRetained(String filter, int grantedQos) {
        if (!AwsTopics.isExact(filter)) {
            return;
        }
        Optional<RetainedStore.Retained> retained = context.retained().get(filter);
        if (retained.isEmpty() || !policy.mayReceive(filter)) {
            return;
        }
        int qos = Math.min(retained.get().qos(), grantedQos);
        int packetId = qos == 0 ? 0 : gatewayPacketIds.allocate();
        context.journal().deliver(clientId, identity.principal(), filter, retained.get().payload(), qos, true);
        client.writeAndFlush(new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.valueOf(qos), true, 0),
                new MqttPublishVariableHeader(filter, packetId), Unpooled.wrappedBuffer(retained.get().payload())));
    }

    private void completeConnectWhenReady() {
        if (state != State.CONNECTING || heldConnAck == null || !sessionReady) {
            return;
        }
        state = State.CONNECTED;
        if (cleanSession) {
            context.sessions().forget(clientId);
        } else if (heldConnAck.variableHeader().isSessionPresent()) {
            subscriptions = context.sessions().resume(clientId);
        }
        client.pipeline().addBefore(client.pipeline().context(this).name(), "mqtt-keepalive",
                new IdleStateHandler(KeepAlive.timeoutMillis(keepAliveSeconds), 0, 0, TimeUnit.MILLISECONDS));
        client.writeAndFlush(heldConnAck);
        heldConnAck = null;
        lifecycleVersion = context.lifecycle().connected(lifecycleSession);
        context.journal().connect(clientId, identity.principal(), transport);
        LOG.debug("event=connected clientId={} remote={} transport={} principal={}", clientId,
                client.remoteAddress(), transport, identity.principal());
        MqttMessage next;
        while ((next = pending.poll()) != null) {
            fromClient(next);
        }
        client.config().setAutoRead(upstream.isWritable());
    }

    private void fromClient(MqttMessage msg) {
        switch (msg.fixedHeader().messageType()) {
            case CONNECT -> {
                ReferenceCountUtil.release(msg);
                clientError("sent a second CONNECT on an open connection");
            }
            case PUBLISH -> publish((MqttPublishMessage) msg);
            case SUBSCRIBE -> subscribe((MqttSubscribeMessage) msg);
            case UNSUBSCRIBE -> unsubscribe((MqttUnsubscribeMessage) msg);
            case PUBACK -> {
                if (gatewayPacketIds.acknowledge(((MqttPubAckMessage) msg).variableHeader().messageId())) {
                    ReferenceCountUtil.release(msg);
                } else {
                    upstream.writeAndFlush(msg);
                }
            }
            case DISCONNECT -> {
                upstream.writeAndFlush(msg);
                close(DisconnectReason.CLIENT_INITIATED_DISCONNECT);
            }
            case PUBREC, PUBREL, PUBCOMP -> {
                ReferenceCountUtil.release(msg);
                clientError("sent " + msg.fixedHeader().messageType() + ", a QoS 2 packet; AWS IoT supports QoS 0 "
                        + "and 1 only");
            }
            default -> upstream.writeAndFlush(msg);
        }
    }

    private void publish(MqttPublishMessage publish) {
        Optional<String> violation = context.rules().checkPublish(publish);
        if (violation.isPresent()) {
            ReferenceCountUtil.release(publish);
            clientError(violation.get());
            return;
        }
        String topic = publish.variableHeader().topicName();
        boolean retain = publish.fixedHeader().isRetain();
        if (!policy.mayPublish(topic, retain)) {
            ReferenceCountUtil.release(publish);
            close(DisconnectReason.AUTH_ERROR);
            return;
        }
        journal(publish, true);
        if (topic.startsWith("$aws/things/")) {
            context.shadows().onMqttPublish(topic, ByteBufUtil.getBytes(publish.payload()));
        }
        MqttPublishMessage live = publish;
        if (retain) {
            byte[] payload = ByteBufUtil.getBytes(publish.payload());
            context.retained().retain(topic, payload, publish.fixedHeader().qosLevel().value(), System.currentTimeMillis());
            live = new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false,
                    publish.fixedHeader().qosLevel(), false, 0), publish.variableHeader(), publish.payload());
        }
        if (live.fixedHeader().qosLevel() == MqttQoS.AT_LEAST_ONCE) {
            acknowledgeOnceRelayed(live);
        } else {
            upstream.writeAndFlush(live);
        }
    }

    private void subscribe(MqttSubscribeMessage subscribe) {
        List<MqttTopicSubscription> filters = subscribe.payload().topicSubscriptions();
        long added = filters.stream().map(MqttTopicSubscription::topicName).distinct()
                .filter(f -> !subscriptions.containsKey(f)).count();
        Optional<String> violation = context.rules().checkSubscribe(subscribe, (int) (subscriptions.size() + added));
        if (violation.isPresent()) {
            ReferenceCountUtil.release(subscribe);
            clientError(violation.get());
            return;
        }
        if (!policy.maySubscribe(filters.stream().map(MqttTopicSubscription::topicName).toList())) {
            ReferenceCountUtil.release(subscribe);
            close(DisconnectReason.AUTH_ERROR);
            return;
        }
        for (MqttTopicSubscription s : filters) {
            subscriptions.put(s.topicName(), s.qualityOfService().value());
            context.journal().subscribe(clientId, identity.principal(), s.topicName(), s.qualityOfService().value());
        }
        pendingSubscribes.put(subscribe.variableHeader().messageId(), List.copyOf(filters));
        upstream.writeAndFlush(subscribe);
    }

    private void unsubscribe(MqttUnsubscribeMessage unsubscribe) {
        List<String> filters = List.copyOf(unsubscribe.payload().topics());
        filters.forEach(subscriptions::remove);
        pendingUnsubscribes.put(unsubscribe.variableHeader().messageId(), filters);
        upstream.writeAndFlush(unsubscribe);
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

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == WebSocketMqttFrames.ClientClosedWebSocket.INSTANCE) {
            if (state == State.CONNECTED) {
                upstream.writeAndFlush(MqttMessageBuilders.disconnect().build());
            }
            close(DisconnectReason.CLIENT_INITIATED_DISCONNECT);
        } else if (evt instanceof IdleStateEvent && state == State.CONNECTED) {
            LOG.info("event=keep_alive_timeout clientId={} remote={} keepAliveSeconds={} message=\"no packet from the "
                    + "client for 1.5 x its keep-alive ({} s after AWS clamping); disconnecting as AWS IoT does\"",
                    clientId, client.remoteAddress(), keepAliveSeconds, KeepAlive.clamp(keepAliveSeconds));
            close(DisconnectReason.MQTT_KEEP_ALIVE_TIMEOUT);
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
        if (!closed) {
            LOG.debug("event=broker_closed_connection clientId={}", clientId);
            close(DisconnectReason.SERVER_INITIATED_DISCONNECT);
        }
    }

    /** Closes this connection from another thread (takeover, shutdown, admin) with the given lifecycle reason. */
    CompletableFuture<Void> closeFromServer(DisconnectReason reason) {
        CompletableFuture<Void> closedNow = new CompletableFuture<>();
        client.eventLoop().execute(() -> {
            close(reason);
            closedNow.complete(null);
        });
        return closedNow;
    }

    /** What {@code GET /__emulator/clients} shows of this connection; empty unless connected. */
    CompletableFuture<Optional<ConnectedClient>> describe() {
        CompletableFuture<Optional<ConnectedClient>> described = new CompletableFuture<>();
        client.eventLoop().execute(() -> described.complete(state != State.CONNECTED ? Optional.empty()
                : Optional.of(new ConnectedClient(clientId, identity.principal(), transport,
                        String.valueOf(client.remoteAddress()), List.copyOf(subscriptions.keySet())))));
        return described;
    }

    /** Journals a client's PUBLISH ({@code fromClient}) or a delivery to it; copies the payload only if journaling. */
    private void journal(MqttPublishMessage message, boolean fromClient) {
        if (!context.journal().enabled()) {
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(message.payload());
        String topic = message.variableHeader().topicName();
        int qos = message.fixedHeader().qosLevel().value();
        boolean retain = message.fixedHeader().isRetain();
        if (fromClient) {
            context.journal().publish(clientId, identity.principal(), topic, payload, qos, retain);
        } else {
            context.journal().deliver(clientId, identity.principal(), topic, payload, qos, retain);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        close(DisconnectReason.CONNECTION_LOST);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("event=client_io_error clientId={} error=\"{}\"", clientId, cause.toString());
            close(DisconnectReason.CONNECTION_LOST);
        } else {
            clientError(cause.toString());
        }
    }

    private void clientError(String problem) {
        LOG.warn("event=client_error clientId={} remote={} transport={} message=\"{}; closing the connection as AWS "
                + "IoT does\"", clientId, client.remoteAddress(), transport, problem);
        close(DisconnectReason.CLIENT_ERROR);
    }

    private void refuseConnect(MqttConnectReturnCode code) {
        state = State.CLOSED;
        closed = true;
        client.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    /**
     * Ends the connection once, whoever noticed first. A connection that got its CONNACK publishes its Last Will
     * when AWS would ({@link DisconnectReason#willPublished()}) and its disconnected lifecycle event.
     */
    private void close(DisconnectReason reason) {
        if (closed) {
            return;
        }
        closed = true;
        boolean wasConnected = state == State.CONNECTED;
        state = State.CLOSED;
        if (token != null) {
            context.registry().unregister(token);
            context.registry().releaseClientId(clientId, this);
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
        if (wasConnected) {
            if (!cleanSession) {
                context.sessions().remember(clientId, subscriptions);
            }
            if (will != null && reason.willPublished()) {
                publishWill();
            }
            context.lifecycle().disconnected(lifecycleSession, reason, lifecycleVersion);
            context.journal().disconnect(clientId, identity.principal(), reason.name());
            LOG.debug("event=disconnected clientId={} reason={}", clientId, reason);
        }
    }

    private void publishWill() {
        if (will.retain()) {
            context.retained().retain(will.topic(), will.payload(), will.qos(), System.currentTimeMillis());
        }
        ServerPublisher publisher = context.broker().publisher();
        if (publisher != null) {
            publisher.publish(will.topic(), will.payload(), will.qos());
        }
    }

    private static String randomToken() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return "gw-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
