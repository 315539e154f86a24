package dev.iotemulator.internal.gateway;

import dev.iotemulator.PortInUseException;
import dev.iotemulator.internal.core.Core;
import dev.iotemulator.internal.tls.TlsSetup;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import dev.iotemulator.internal.logging.RateLimitedLog;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The public face of the emulator: every listener a client can reach. HTTP and MQTT-over-WebSocket share one port;
 * plain MQTT/TCP, HTTPS (with WSS and ALPN MQTT) and MQTT over TLS have their own. What comes in goes to the
 * {@link Core}: MQTT to its connection path, HTTP to its route table.
 */
public final class Gateway implements AutoCloseable {

    private final Core core;
    private final Transports transports;
    private final EventLoopGroup acceptors = new NioEventLoopGroup(1, new DefaultThreadFactory("iot-accept", true));
    private final EventLoopGroup workers;
    private final ConnectionLimit connectionLimit;
    private final TlsOnPlainPort.Logged tlsOnPlainPorts = new TlsOnPlainPort.Logged();
    private Channel httpChannel;
    private Channel mqttChannel;
    private Channel httpsChannel;
    private Channel mqttsChannel;

    /** @param workers the event loops of client connections (and of their sessions' broker links) */
    public Gateway(Core core, EventLoopGroup workers) {
        this.core = core;
        this.transports = new Transports(core);
        this.workers = workers;
        this.connectionLimit = new ConnectionLimit(core.settings().maxConnections(),
                new RateLimitedLog(LoggerFactory.getLogger(Gateway.class), Level.WARN, 10_000));
    }

    /**
     * Binds the public listeners.
     *
     * @throws dev.iotemulator.ConfigurationException when the bind address is not this machine's
     * @throws PortInUseException naming every listener whose port is taken
     */
    public void start() {
        GatewaySettings settings = core.settings();
        ListenerProblems.checkBindAddress(settings.bindAddress());
        ListenerProblems problems = new ListenerProblems(settings.bindAddress());
        try {
            httpChannel = bind(problems, settings.httpPort(), "HTTP/WebSocket", "--http-port",
                    "IOT_EMULATOR_HTTP_PORT", new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast("tls-on-plain-port", TlsOnPlainPort.http(Gateway.this,
                                    tlsOnPlainPorts));
                            transports.http(ch.pipeline());
                        }
                    });
            if (settings.mqttPort() >= 0) {
                mqttChannel = bind(problems, settings.mqttPort(), "MQTT", "--mqtt-port", "IOT_EMULATOR_MQTT_PORT",
                        new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                ch.pipeline().addLast("tls-on-plain-port", TlsOnPlainPort.mqtt(Gateway.this,
                                        tlsOnPlainPorts));
                                transports.mqtt(ch.pipeline(), null, "tcp");
                            }
                        });
            }
            CompletableFuture<TlsSetup> tls = core.tls();
            if (tls != null && settings.httpsPort() >= 0) {
                httpsChannel = bind(problems, settings.httpsPort(), "HTTPS/WSS", "--https-port",
                        "IOT_EMULATOR_HTTPS_PORT", new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                whenTlsReady(ch, tls, setup -> ch.pipeline()
                                        .addLast("tls-client-hello", new HttpsClientHello(setup.tls(), host(ch),
                                                port(ch)))
                                        .addLast("tls-negotiation", new TlsNegotiation(transports)));
                            }
                        });
            }
            if (tls != null && settings.mqttsPort() >= 0) {
                mqttsChannel = bind(problems, settings.mqttsPort(), "MQTT/TLS", "--mqtts-port",
                        "IOT_EMULATOR_MQTTS_PORT", new ChannelInitializer<SocketChannel>() {
                            @Override
                            protected void initChannel(SocketChannel ch) {
                                whenTlsReady(ch, tls, setup -> {
                                    ch.pipeline().addLast("tls", setup.tls().mqttsHandler(host(ch), port(ch)))
                                            .addLast("tls-log", new TlsHandshakeLog(core));
                                    transports.mqtt(ch.pipeline(), null, Transports.MTLS);
                                });
                            }
                        });
            }
            problems.throwIfAny();
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

    /** The bound channel, or null when the port is taken (recorded in {@code problems}). */
    private Channel bind(ListenerProblems problems, int port, String what, String flag, String env,
            ChannelInitializer<SocketChannel> init) {
        try {
            return new ServerBootstrap()
                    .group(acceptors, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(ConnectionLimit.NAME, connectionLimit).addLast(init);
                        }
                    })
                    .bind(new InetSocketAddress(core.settings().bindAddress(), port))
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the " + what + " port", e);
        } catch (Exception e) {
            BindException taken = e instanceof BindException b ? b
                    : e.getCause() instanceof BindException b ? b : null;
            if (taken != null) {
                problems.portTaken(what, port, flag, env, taken);
                return null;
            }
            throw e instanceof RuntimeException re ? re : new IllegalStateException(e);
        }
    }

    public int httpPort() {
        return httpChannel == null ? -1 : ((InetSocketAddress) httpChannel.localAddress()).getPort();
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

    /** Stops listening; the connections, their sessions and the worker loops belong to the caller. */
    @Override
    public void close() {
        if (httpChannel != null) {
            httpChannel.close().syncUninterruptibly();
        }
        for (Channel channel : new Channel[] {mqttChannel, httpsChannel, mqttsChannel}) {
            if (channel != null) {
                channel.close().syncUninterruptibly();
            }
        }
        acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
}
