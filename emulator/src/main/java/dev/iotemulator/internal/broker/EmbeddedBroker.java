package dev.iotemulator.internal.broker;

import io.moquette.broker.InProcessMoquette;
import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette 0.17 in this JVM with no socket of its own: the gateway reaches it only through {@link BrokerLink}s, each
 * an in-process channel that carries decoded MQTT messages. The only package that touches Moquette.
 *
 * <p>Telemetry is always off (Moquette would otherwise call out to the internet), persistence is off (the gateway
 * keeps sessions itself), anonymous connections are refused, and every link must present a token this class issued.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    /** The broker client id of the server's own link; {@code $} ids are reserved at AWS, so no client has it. */
    private static final String SERVER_CLIENT_ID = "$iot-emulator";
    private static final long LINK_OPEN_SECONDS = 10;
    /** Messages inside the broker at which publishers hold back, and below which they go on. */
    private static final int BACKLOG_HIGH_WATER = 256;
    private static final int BACKLOG_LOW_WATER = 64;

    private final Server server = new Server();
    private final LinkTokens tokens = new LinkTokens();
    private final BrokerBacklog backlog = new BrokerBacklog(BACKLOG_HIGH_WATER, BACKLOG_LOW_WATER);
    private final DefaultEventLoop acceptorLoop = new DefaultEventLoop(new DefaultThreadFactory("iot-broker-accept",
            true));
    private final Path dataDir;
    private final Properties effectiveProperties;
    private InProcessAcceptor acceptor;
    private BrokerLink serverLink;
    private BrokerSupervisor supervisor;
    private BrokerLink canaryLink;
    private final AtomicInteger serverPacketIds = new AtomicInteger();

    private EmbeddedBroker(Path dataDir, Properties properties) {
        this.dataDir = dataDir;
        this.effectiveProperties = properties;
    }

    /**
     * Starts the broker; returns once it accepts links.
     *
     * @param maxMessageBytes the largest MQTT packet the broker must accept (the gateway enforces AWS's limits)
     */
    public static EmbeddedBroker start(int maxMessageBytes) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("iot-emulator-broker");
            // Moquette writes nothing there with persistence off; a process that exits without waiting for the broker
            // to stop (SIGTERM) still leaves no empty directory behind.
            dataDir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's temporary data directory", e);
        }
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, brokerProperties(dataDir, maxMessageBytes));
        try {
            broker.server.startServer(new MemoryConfig(broker.effectiveProperties), List.of(new ConnectListener(
                    broker.tokens)), null, broker.tokens, new GatewayEnforcedPolicy());
            broker.acceptor = InProcessAcceptor.bind(broker.acceptorLoop,
                    InProcessMoquette.mqttHandler(broker.server, broker.tokens));
            broker.serverLink = BrokerLink.open(broker.acceptor.address(), broker.tokens, broker.backlog,
                    broker.acceptorLoop, SERVER_CLIENT_ID, new ServerLinkListener())
                    .get(LINK_OPEN_SECONDS, TimeUnit.SECONDS);
            broker.acceptorLoop.scheduleAtFixedRate(broker.backlog::checkStuck, 1, 1, TimeUnit.SECONDS);
            broker.supervise();
        } catch (IOException | ExecutionException | TimeoutException | RuntimeException e) {
            broker.close();
            throw e instanceof RuntimeException re ? re
                    : new IllegalStateException("the embedded MQTT broker did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broker.close();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        }
        return broker;
    }

    /** Starts the supervisor: Moquette's session threads watched, a canary sent through the broker every second. */
    private void supervise() throws InterruptedException, ExecutionException, TimeoutException {
        supervisor = new BrokerSupervisor(InProcessMoquette.sessionLoopThreads(server),
                payload -> publish(BrokerSupervisor.CANARY_TOPIC, payload, 1, null), System::currentTimeMillis);
        canaryLink = BrokerLink.open(acceptor.address(), tokens, backlog, acceptorLoop,
                BrokerSupervisor.CANARY_CLIENT_ID, supervisor).get(LINK_OPEN_SECONDS, TimeUnit.SECONDS);
        supervisor.start(canaryLink, acceptorLoop);
    }

    /** Whether the broker can route messages: its session threads alive, the canary coming back. */
    public BrokerHealth health() {
        return supervisor == null ? BrokerHealth.unhealthy("the embedded broker has not started") : supervisor.health();
    }

    /** Moquette's session loop threads, for the emulator's own tests. */
    public List<Thread> sessionLoopThreads() {
        return InProcessMoquette.sessionLoopThreads(server);
    }

    static Properties brokerProperties(Path dataDir, int maxMessageBytes) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        // No listener at all: the gateway hands Moquette its messages in-process.
        p.setProperty("port", "disabled");
        p.setProperty("allow_anonymous", "false");
        p.setProperty("allow_zero_byte_client_id", "false");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("data_path", dataDir.toString());
        p.setProperty("netty.mqtt.message_size", Integer.toString(maxMessageBytes));
        p.setProperty("session_queue_size", "262144");
        p.setProperty("buffer_flush_millis", "immediate");
        p.setProperty("intercept.thread_pool.size", "1");
        return p;
    }

    /**
     * Opens a link for one gateway session: an in-process channel on {@code loop}, connected to the broker as
     * {@code clientId} with a clean session. Completes once the broker processes the link's packets; the
     * {@code listener} is called on {@code loop}.
     */
    public CompletableFuture<BrokerLink> openLink(EventLoop loop, String clientId, BrokerLink.Listener listener) {
        return BrokerLink.open(acceptor.address(), tokens, backlog, loop, clientId, listener);
    }

    /**
     * Publishes as the server, to every matching subscription: for messages with no client connection behind them
     * (HTTP, admin, AWS services, Last Wills). They go over the server's own link, the way every other message
     * reaches the broker (Moquette's {@code internalPublish} would log each one at INFO).
     */
    public void publish(String topic, byte[] payload, int qos, Object tag) {
        int packetId = qos == 0 ? 0 : serverPacketIds.updateAndGet(id -> id >= 65535 ? 1 : id + 1);
        serverLink.publish(topic, payload, qos, packetId, tag);
        serverLink.flush();
    }

    /** The messages inside the broker, routed but not yet with every subscriber's session. */
    public BrokerBacklog backlog() {
        return backlog;
    }

    /** The settings the broker was started with, so tests can prove telemetry is off. */
    public Properties effectiveProperties() {
        Properties copy = new Properties();
        copy.putAll(effectiveProperties);
        return copy;
    }

    public Path dataDirectory() {
        return dataDir;
    }

    /** The server's link publishes only; what the broker answers it (its PUBACKs) needs no action. */
    private static final class ServerLinkListener implements BrokerLink.Listener {
    }

    /** Stopping Moquette takes about 2 s (its Netty quiet period), so callers may run this off-thread. */
    @Override
    public void close() {
        try {
            // The emulator's own links end with a DISCONNECT before Moquette stops: a link Moquette finds open while
            // it stops is handled after its interceptor pool has shut down, which ends a session thread with an
            // ERROR and a stack trace.
            if (supervisor != null) {
                supervisor.stop();
            }
            for (BrokerLink own : new BrokerLink[] {canaryLink, serverLink}) {
                if (own != null && own.isOpen()) {
                    own.disconnect().completeOnTimeout(null, 1, TimeUnit.SECONDS).join();
                }
            }
            if (acceptor != null) {
                acceptor.close();
            }
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.warn("event=broker_stop_failed error=\"{}\"", e.toString());
        } finally {
            acceptorLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            deleteQuietly(dataDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}", dir, e);
        }
    }

    /**
     * The gateway decides every publish and subscribe before the broker sees it; here the broker only checks that
     * the packet came over a link. Never throws: an exception would kill a Moquette session thread for good.
     */
    private static final class GatewayEnforcedPolicy implements IAuthorizatorPolicy {
        @Override
        public boolean canWrite(Topic topic, String user, String client) {
            return user != null;
        }

        @Override
        public boolean canRead(Topic topic, String user, String client) {
            return user != null;
        }
    }

    /** Moquette marks a session connected only after writing its CONNACK; this event says it has. */
    private static final class ConnectListener extends AbstractInterceptHandler {
        private final LinkTokens tokens;

        ConnectListener(LinkTokens tokens) {
            this.tokens = tokens;
        }

        @Override
        public String getID() {
            return "iot-emulator-gateway";
        }

        @Override
        public Class<?>[] getInterceptedMessageTypes() {
            return new Class<?>[] {InterceptConnectMessage.class};
        }

        @Override
        public void onConnect(InterceptConnectMessage msg) {
            try {
                tokens.ready(msg.getUsername());
            } catch (RuntimeException e) {
                LOG.error("event=broker_connect_callback_failed clientId={} error=\"{}\"", msg.getClientID(),
                        e.toString());
            }
        }

        @Override
        public void onSessionLoopError(Throwable error) {
            LOG.error("event=broker_session_loop_error error=\"{}\"", error.toString(), error);
        }
    }
}
