package dev.iotemulator.internal.gateway;

import dev.iotemulator.IotEmulatorException;
import dev.iotemulator.PortInUseException;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.PresignedUrlVerifier;
import dev.iotemulator.internal.broker.BrokerCallbacks;
import dev.iotemulator.internal.config.BrowserConfig;
import dev.iotemulator.internal.dataplane.DataPlane;
import dev.iotemulator.internal.dataplane.DataPlaneServices;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.shadow.Shadows;
import dev.iotemulator.internal.tls.TlsSetup;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The public face of the emulator: every listener a client can reach. HTTP and MQTT-over-WebSocket share one port;
 * plain MQTT/TCP has its own. Everything MQTT is relayed to the embedded broker on loopback.
 */
public final class Gateway implements AutoCloseable {

    private static final int MAX_HTTP_REQUEST_BYTES = 1024 * 1024;
    private static final long ADMIN_WAIT_SECONDS = 10;
    /** AWS IoT's default persistent-session expiry; the broker is configured with the same. */
    public static final Duration PERSISTENT_SESSION_EXPIRY = Duration.ofHours(1);

    private final GatewayContext context;
    private final EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("iot-accept", true));
    private final EventLoopGroup workers = new NioEventLoopGroup(0, new DefaultThreadFactory("iot-io", true));
    private Channel httpChannel;
    private Channel mqttChannel;
    private Channel httpsChannel;
    private Channel mqttsChannel;

    /** A gateway that enforces no IoT policies. */
    public Gateway(GatewaySettings settings, CredentialStore credentials, Clock clock) {
        this(settings, credentials, Map.of(), Map.of(), BrowserConfig.none(), clock);
    }

    /**
     * @param policies the IoT policies attached to each access key id; keys without an entry are not subject to
     *                 IoT policies
     * @param poolPolicies the unauthenticated-role policies of each Cognito identity pool that has any
     * @param browser the browser routes (Cognito, presign) to serve
     */
    public Gateway(GatewaySettings settings, CredentialStore credentials, Map<String, List<PolicyDocument>> policies,
            Map<String, List<PolicyDocument>> poolPolicies, BrowserConfig browser, Clock clock) {
        this(settings, credentials, policies, poolPolicies, browser, clock,
                new Journal(Journal.DEFAULT_CAPACITY, clock));
    }

    /** @param journal where to record connects, publishes, deliveries and denials */
    public Gateway(GatewaySettings settings, CredentialStore credentials, Map<String, List<PolicyDocument>> policies,
            Map<String, List<PolicyDocument>> poolPolicies, BrowserConfig browser, Clock clock, Journal journal) {
        this(settings, credentials, policies, poolPolicies, browser, clock, journal, null, name -> null);
    }

    /**
     * @param tls the TLS set-up (the CA, the device certificates, the TLS context), possibly still in progress; null
     *     to open no TLS listener
     * @param policyNamed the policy of each name that certificates may have attached (null when unknown)
     */
    public Gateway(GatewaySettings settings, CredentialStore credentials, Map<String, List<PolicyDocument>> policies,
            Map<String, List<PolicyDocument>> poolPolicies, BrowserConfig browser, Clock clock, Journal journal,
            CompletableFuture<TlsSetup> tls, Function<String, PolicyDocument> policyNamed) {
        PresignedUrlVerifier verifier = new PresignedUrlVerifier(credentials, settings.region(),
                settings.allowedClockSkew(), clock);
        Authorizer authorizer = new Authorizer(new Arns(settings.region(), settings.accountId()), policies,
                poolPolicies, credentials, () -> TlsSetup.certificatesIfReady(tls), policyNamed);
        GatewayContext.BrokerAddress broker = new GatewayContext.BrokerAddress();
        RetainedStore retained = new RetainedStore();
        ShadowService shadows = new ShadowService(new Shadows(clock), () -> {
            ServerPublisher publisher = broker.publisher();
            return publisher == null ? null : (topic, payload) -> publisher.publish(topic, payload, 1);
        });
        DataPlaneServices dataPlaneServices = new DataPlaneServices(shadows, retained,
                (topic, payload, qos) -> broker.publisher().publish(topic, payload, qos),
                (principal, action, resource, sourceIp) -> DataPlaneBridge.deny(authorizer, principal, action,
                        resource, sourceIp),
                authorizer.arns(), settings.limits(), clock);
        DataPlane dataPlane = new DataPlane(dataPlaneServices, new HeaderSignatureVerifier(credentials,
                settings.region(), settings.allowedClockSkew(), clock));
        this.context = new GatewayContext(settings, verifier, credentials, new ConnectionRegistry(), broker,
                authorizer, new ClientPacketRules(settings.limits()), new Lifecycle(clock, broker),
                new SessionMemory(clock, PERSISTENT_SESSION_EXPIRY), retained, shadows, dataPlane,
                BrowserAccess.of(browser, credentials, clock), journal, tls);
        authorizer.denials().onDenial(d -> journal.denial(d.clientId(), d.principal(), d.action(), d.resource(),
                d.consequence()));
    }

    /** What the embedded broker needs to recognise the gateway's connections. */
    public BrokerCallbacks brokerCallbacks() {
        return context.registry();
    }

    /**
     * Binds the public listeners; the broker must be reachable on {@code brokerPort} by then.
     *
     * @param publisher publishes as the server through the broker (lifecycle events, Last Wills)
     */
    public void start(int brokerPort, ServerPublisher publisher) {
        context.broker().port(brokerPort);
        context.broker().publisher(publisher);
        GatewaySettings settings = context.settings();
        try {
            httpChannel = bind(settings.httpPort(), "HTTP/WebSocket", "--http-port", "IOT_EMULATOR_HTTP_PORT",
                    new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            addHttpHandlers(ch.pipeline(), context);
                        }
                    });
            if (settings.mqttPort() >= 0) {
                mqttChannel = bind(settings.mqttPort(), "MQTT", "--mqtt-port", "IOT_EMULATOR_MQTT_PORT",
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                MqttPipeline.addMqttHandlers(ch.pipeline(), context, null, "tcp");
                            }
                        });
            }
            CompletableFuture<TlsSetup> tls = context.tls();
            if (tls != null && settings.httpsPort() >= 0) {
                httpsChannel = bind(settings.httpsPort(), "HTTPS/WSS", "--https-port", "IOT_EMULATOR_HTTPS_PORT",
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                whenTlsReady(ch, tls, setup -> ch.pipeline()
                                        .addLast("tls", setup.tls().httpsHandler(host(ch), port(ch)))
                                        .addLast("tls-negotiation", new TlsNegotiation(context)));
                            }
                        });
            }
            if (tls != null && settings.mqttsPort() >= 0) {
                mqttsChannel = bind(settings.mqttsPort(), "MQTT/TLS", "--mqtts-port", "IOT_EMULATOR_MQTTS_PORT",
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                whenTlsReady(ch, tls, setup -> {
                                    ch.pipeline().addLast("tls", setup.tls().mqttsHandler(host(ch), port(ch)))
                                            .addLast("tls-log", new TlsHandshakeLog(context));
                                    MqttPipeline.addMqttHandlers(ch.pipeline(), context, null, MqttPipeline.MTLS);
                                });
                            }
                        });
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Installs the TLS handlers now if the set-up is done; otherwise stops reading until it is, so a client that
     * connects during start-up waits for its handshake instead of being refused.
     */
    private static void whenTlsReady(SocketChannel ch, CompletableFuture<TlsSetup> tls, Consumer<TlsSetup> install) {
        TlsSetup ready = tls.getNow(null);
        if (ready != null) {
            install.accept(ready);
            return;
        }
        ch.config().setAutoRead(false);
        tls.whenComplete((setup, failure) -> ch.eventLoop().execute(() -> {
            if (failure != null) {
                ch.close();
                return;
            }
            install.accept(setup);
            ch.config().setAutoRead(true);
        }));
    }

    /** The client's address, for the TLS engine and so for log lines. */
    private static String host(SocketChannel ch) {
        return ch.remoteAddress() == null ? null : ch.remoteAddress().getHostString();
    }

    private static int port(SocketChannel ch) {
        return ch.remoteAddress() == null ? -1 : ch.remoteAddress().getPort();
    }

    /** The HTTP end of a pipeline: routes, WebSocket upgrade, data plane. */
    static void addHttpHandlers(ChannelPipeline pipeline, GatewayContext context) {
        pipeline.addLast("http-codec", new HttpServerCodec())
                .addLast("http-aggregator", new HttpObjectAggregator(MAX_HTTP_REQUEST_BYTES))
                .addLast("http-router", new HttpRouter(context));
    }

    private Channel bind(int port, String what, String flag, String env, ChannelInitializer<SocketChannel> init) {
        String bind = context.settings().bindAddress();
        try {
            return new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(init)
                    .bind(new InetSocketAddress(bind, port))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the " + what + " port", e);
        } catch (Exception e) {
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new PortInUseException(what + " port " + port + " is already in use on " + bind
                        + ". Stop the other process, or start with " + flag + " <port> (" + env + "); "
                        + flag + " 0 picks a free port.", e);
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    public int httpPort() {
        return ((InetSocketAddress) httpChannel.localAddress()).getPort();
    }

    /** The plain MQTT port, or -1 when that listener is off. */
    public int mqttPort() {
        return mqttChannel == null ? -1 : ((InetSocketAddress) mqttChannel.localAddress()).getPort();
    }

    /** The HTTPS/WSS port, or -1 when that listener is off. */
    public int httpsPort() {
        return httpsChannel == null ? -1 : ((InetSocketAddress) httpsChannel.localAddress()).getPort();
    }

    /** The MQTT-over-TLS (client certificate) port, or -1 when that listener is off. */
    public int mqttsPort() {
        return mqttsChannel == null ? -1 : ((InetSocketAddress) mqttsChannel.localAddress()).getPort();
    }

    public int connectionCount() {
        return context.registry().size();
    }

    /** The emulator's Device Shadows. */
    public Shadows shadows() {
        return context.shadows().shadows();
    }

    /** The emulator's own retained-message store. */
    public RetainedStore retainedMessages() {
        return context.retained();
    }

    /** What has happened: connects, publishes, deliveries, denials. */
    public Journal journal() {
        return context.journal();
    }

    /**
     * Disconnects every client, then forgets the journal and the retained messages; completes once done. Keys and
     * policies stay.
     */
    public CompletableFuture<Void> reset() {
        return ResetRoute.reset(context);
    }

    /** The connected clients, as {@code GET /__emulator/clients} lists them; fails after 10 s. */
    public CompletableFuture<List<dev.iotemulator.ConnectedClient>> connectedClients() {
        return ClientsRoute.describeAll(context).orTimeout(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS)
                .thenApply(clients -> clients.stream().map(c -> new dev.iotemulator.ConnectedClient(c.clientId(),
                        c.principal(), c.transport(), c.remoteAddress(), c.subscriptions())).toList());
    }

    /**
     * Closes a client's connection for an AWS {@code disconnectReason}, as
     * {@code POST /__emulator/clients/{clientId}/disconnect} does; completes once it is closed (fails after 10 s).
     *
     * @throws IotEmulatorException for an unknown reason or a client that is not connected
     */
    public CompletableFuture<Void> disconnect(String clientId, String reason) {
        DisconnectReason known = ClientDisconnectRoute.reasonNamed(reason)
                .orElseThrow(() -> new IotEmulatorException(ClientDisconnectRoute.unknownReason(reason)));
        MqttRelayHandler connection = context.registry().byClientId(clientId).orElseThrow(() ->
                new IotEmulatorException("No client '" + clientId + "' is connected; connectedClients() lists "
                        + "those that are."));
        return connection.closeFromServer(known).orTimeout(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Publishes {@code payload} as the emulator itself, as {@code POST /__emulator/publish} does.
     *
     * @throws IotEmulatorException for a topic with wildcards, a QoS other than 0 or 1, or before start
     */
    public void publishAsServer(String topic, byte[] payload, int qos, boolean retain) {
        String invalid = ServerPublishRoute.invalid(topic, String.valueOf(qos));
        if (invalid != null) {
            throw new IotEmulatorException(invalid);
        }
        if (!ServerPublishRoute.publish(context, topic, payload == null ? new byte[0] : payload, qos, retain)) {
            throw new IotEmulatorException("The embedded broker has not started yet.");
        }
    }

    @Override
    public void close() {
        context.registry().closeAll(DisconnectReason.SERVER_INITIATED_DISCONNECT);
        if (httpChannel != null) {
            httpChannel.close().syncUninterruptibly();
        }
        for (Channel channel : new Channel[] {mqttChannel, httpsChannel, mqttsChannel}) {
            if (channel != null) {
                channel.close().syncUninterruptibly();
            }
        }
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
