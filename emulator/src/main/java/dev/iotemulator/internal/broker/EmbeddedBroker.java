package dev.iotemulator.internal.broker;

import io.moquette.broker.Server;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.moquette.broker.config.MemoryConfig;
import io.moquette.broker.security.IAuthenticator;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;
import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette 0.17 on 127.0.0.1, reachable only through the gateway. The only class that touches Moquette.
 *
 * <p>Telemetry is always off (Moquette would otherwise call out to the internet), persistence is off, anonymous
 * clients are refused, and every connection must present the token the gateway issued for it.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private final Server server = new Server();
    private final Path dataDir;
    private final Properties effectiveProperties;
    private int port;

    private EmbeddedBroker(Path dataDir, Properties properties) {
        this.dataDir = dataDir;
        this.effectiveProperties = properties;
    }

    /**
     * @param maxMessageBytes the largest MQTT packet the broker must accept (the gateway enforces AWS's limits)
     */
    public static EmbeddedBroker start(BrokerCallbacks callbacks, int maxMessageBytes) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("iot-emulator-broker");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the broker's temporary data directory", e);
        }
        int port = freeLoopbackPort();
        Properties p = brokerProperties(dataDir, maxMessageBytes, port);
        EmbeddedBroker broker = new EmbeddedBroker(dataDir, p);
        try {
            broker.server.startServer(new MemoryConfig(p), List.of(new ConnectListener(callbacks)), null,
                    new TokenAuthenticator(callbacks), new GatewayEnforcedPolicy());
        } catch (IOException e) {
            deleteQuietly(dataDir);
            throw new UncheckedIOException("the embedded MQTT broker did not start: " + e.getMessage(), e);
        }
        broker.port = port;
        return broker;
    }

    static Properties brokerProperties(Path dataDir, int maxMessageBytes, int port) {
        Properties p = new Properties();
        p.setProperty("host", "127.0.0.1");
        p.setProperty("port", Integer.toString(port));
        p.setProperty("allow_anonymous", "false");
        p.setProperty("allow_zero_byte_client_id", "false");
        p.setProperty("persistence_enabled", "false");
        p.setProperty("telemetry_enabled", "false");
        p.setProperty("data_path", dataDir.toString());
        p.setProperty("netty.mqtt.message_size", Integer.toString(maxMessageBytes));
        p.setProperty("session_queue_size", "262144");
        p.setProperty("buffer_flush_millis", "immediate");
        p.setProperty("persistent_client_expiration", "1h");
        p.setProperty("intercept.thread_pool.size", "1");
        p.setProperty("netty.channel_timeout.seconds", "10");
        return p;
    }

    /**
     * A free loopback port for the broker. Moquette 0.17 reports a random port ({@code port=0}) through a plain
     * HashMap that its binding thread fills after {@code startServer} returns; polling it from another thread can
     * corrupt the map and leave the answer at 0 for good, so the port is chosen here instead.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            probe.setReuseAddress(true);
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port for the embedded MQTT broker", e);
        }
    }

    /**
     * Publishes as the server. Moquette's {@code internalPublish} skips authorization and interceptors, which is
     * right for lifecycle events and wills: the gateway checks {@code iot:Receive} on every delivery anyway.
     */
    public void publish(String topic, byte[] payload, int qos) {
        try {
            server.internalPublish(MqttMessageBuilders.publish()
                    .topicName(topic)
                    .qos(MqttQoS.valueOf(qos))
                    .retained(false)
                    .messageId(1)
                    .payload(Unpooled.wrappedBuffer(payload))
                    .build(), "iot-emulator");
        } catch (RuntimeException e) {
            LOG.warn("event=server_publish_failed topic={} error=\"{}\"", topic, e.toString());
        }
    }

    public int port() {
        return port;
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

    /** Stopping Moquette always takes about 2 s (its Netty quiet period), so callers may run this off-thread. */
    @Override
    public void close() {
        try {
            server.stopServer();
        } catch (RuntimeException e) {
            LOG.warn("event=broker_stop_failed error=\"{}\"", e.toString());
        } finally {
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

    private static final class TokenAuthenticator implements IAuthenticator {
        private final BrokerCallbacks callbacks;

        TokenAuthenticator(BrokerCallbacks callbacks) {
            this.callbacks = callbacks;
        }

        @Override
        public boolean checkValid(String clientId, String username, byte[] password) {
            try {
                return username != null && password != null && callbacks.isLiveConnection(username, password, clientId);
            } catch (RuntimeException e) {
                LOG.error("event=broker_auth_error clientId={} error=\"{}\"", clientId, e.toString());
                return false;
            }
        }
    }

    /**
     * The gateway decides every publish and subscribe before the broker sees it; here the broker only checks that
     * the packet came through a live gateway connection. Never throws: an exception would kill a Moquette session
     * thread for good.
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

    private static final class ConnectListener extends AbstractInterceptHandler {
        private final BrokerCallbacks callbacks;

        ConnectListener(BrokerCallbacks callbacks) {
            this.callbacks = callbacks;
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
                callbacks.sessionReady(msg.getUsername());
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
