package dev.iotemulator.acceptance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.crt.CRT;
import software.amazon.awssdk.crt.CrtResource;
import software.amazon.awssdk.crt.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.crt.io.ClientBootstrap;
import software.amazon.awssdk.crt.io.EventLoopGroup;
import software.amazon.awssdk.crt.io.HostResolver;
import software.amazon.awssdk.crt.mqtt.MqttClientConnection;
import software.amazon.awssdk.crt.mqtt.MqttClientConnectionEvents;
import software.amazon.awssdk.crt.mqtt.MqttException;
import software.amazon.awssdk.crt.mqtt.MqttMessage;
import software.amazon.awssdk.crt.mqtt.QualityOfService;
import software.amazon.awssdk.iot.AwsIotMqttConnectionBuilder;

/**
 * Real AWS IoT Device SDK for Java v2 (1.30.1, aws-crt 0.43.6) MQTT 3.1.1 connections, built the way a device app
 * builds them, against the emulator's TLS ports: {@link #mtls mTLS} with a device certificate (AWS IoT's 8883) and
 * {@link #webSocketSigV4 wss:// with a SigV4-presigned upgrade} (AWS IoT's 443).
 *
 * <p>What the SDK does that a server must be ready for:
 * <ul>
 *   <li>Both builders always use TLS and verify the server: the test CA replaces the system trust store
 *       ({@code withCertificateAuthorityFromPath(null, caPem)}). The endpoint is the TLS SNI, the name checked against
 *       the server certificate, and (wss) the signed {@code Host}: pass a host name the certificate names, such as
 *       {@code localhost}.</li>
 *   <li>{@code newMtlsBuilderFromPath} offers ALPN {@code x-amzn-mqtt-ca} whatever the port; a server that negotiates
 *       ALPN must select it (or ignore ALPN), not answer "no application protocol".</li>
 *   <li>{@code withWebsockets(true)} resets the port to 443, so {@link #webSocketSigV4} calls {@code withPort} after
 *       it. The upgrade is {@code GET /mqtt} signed for {@code iotdevicegateway} with
 *       {@code X-Amz-SignedHeaders=connection;host}, the host without the port, and no {@code X-Amz-Expires}; a
 *       session token is added after signing. Subprotocol {@code mqtt}; no ALPN.</li>
 *   <li>The MQTT username is {@code ?SDK=JavaV2&Version=...} (metrics, not credentials).</li>
 *   <li>A server certificate the client does not trust makes the connect fail only 10-30 s later (s2n-tls
 *       "blinding"), so such a connect ends in this class's {@link #TIMEOUT}; a client certificate the server refuses
 *       fails at once.</li>
 *   <li>After an interruption the CRT reconnects by itself (back-off from 1 s); {@link Connection#interruptions}
 *       records each one.</li>
 * </ul>
 *
 * <p>Every connection gets its own event loop, host resolver and bootstrap, and {@link Connection#close()} waits
 * until the CRT has shut them down, so no native thread outlives a test. The CRT logs natively if the JVM is started
 * with {@code -Daws.crt.log.level=Debug -Daws.crt.log.destination=Stderr} (read once, when the CRT loads).
 */
final class DeviceSdkClients {

    /** How long any step (connect, subscribe, publish, receive, disconnect, shutdown) may take. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private DeviceSdkClients() {
    }

    /** A received message. */
    record Received(String topic, byte[] payload, QualityOfService qos, boolean retain) {

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The connection attempt did not end in a CONNACK; the message says how and after how long. */
    static final class ConnectFailed extends Exception {

        ConnectFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A connection attempt that is expected to fail, for {@link #refused}. */
    @FunctionalInterface
    interface Attempt {
        Connection connect() throws ConnectFailed;
    }

    /**
     * Connects over MQTT with TLS client authentication, as {@code AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath}
     * does (certificate and private key as PEM files; the key may be PKCS#1 or PKCS#8).
     *
     * @throws ConnectFailed if there was no CONNACK within {@link #TIMEOUT}
     */
    static Connection mtls(String host, int port, Path caPem, Path certPem, Path keyPem, String clientId)
            throws ConnectFailed {
        return connect("mTLS", host, port, clientId,
                () -> AwsIotMqttConnectionBuilder.newMtlsBuilderFromPath(certPem.toString(), keyPem.toString())
                        .withCertificateAuthorityFromPath(null, caPem.toString()));
    }

    /**
     * Connects over {@code wss://host:port/mqtt} with a SigV4-presigned upgrade, as
     * {@code AwsIotMqttConnectionBuilder.newDefaultBuilder().withWebsockets(true)} does with static credentials.
     *
     * @param sessionTokenOrNull the session token of temporary credentials, or null for long-term keys
     * @throws ConnectFailed if there was no CONNACK within {@link #TIMEOUT}
     */
    static Connection webSocketSigV4(String host, int port, Path caPem, String region, String accessKeyId,
            String secret, String sessionTokenOrNull, String clientId) throws ConnectFailed {
        return connect("wss", host, port, clientId, () -> {
            // The builder keeps its own reference to the provider.
            try (StaticCredentialsProvider provider = staticCredentials(accessKeyId, secret, sessionTokenOrNull)) {
                return AwsIotMqttConnectionBuilder.newDefaultBuilder()
                        .withCertificateAuthorityFromPath(null, caPem.toString())
                        .withWebsockets(true) // sets port 443: withPort must come after it
                        .withWebsocketSigningRegion(region)
                        .withWebsocketCredentialsProvider(provider);
            }
        });
    }

    /** The CRT's static credentials provider, as an app builds it. */
    static StaticCredentialsProvider staticCredentials(String accessKeyId, String secret, String sessionTokenOrNull) {
        StaticCredentialsProvider.StaticCredentialsProviderBuilder credentials =
                new StaticCredentialsProvider.StaticCredentialsProviderBuilder()
                        .withAccessKeyId(accessKeyId.getBytes(StandardCharsets.UTF_8))
                        .withSecretAccessKey(secret.getBytes(StandardCharsets.UTF_8));
        if (sessionTokenOrNull != null) {
            credentials.withSessionToken(sessionTokenOrNull.getBytes(StandardCharsets.UTF_8));
        }
        return credentials.build();
    }

    /**
     * Runs a connection attempt that must fail, and returns how it failed.
     *
     * @throws AssertionError if it connected (the connection is closed first)
     */
    static ConnectFailed refused(Attempt attempt) throws InterruptedException {
        Connection connection;
        try {
            connection = attempt.connect();
        } catch (ConnectFailed expected) {
            return expected;
        }
        String id = connection.clientId;
        connection.close();
        throw new AssertionError("the AWS IoT Device SDK client " + id + " connected although a refusal was expected");
    }

    @FunctionalInterface
    private interface BuilderFactory {
        AwsIotMqttConnectionBuilder create() throws Exception;
    }

    private static Connection connect(String kind, String host, int port, String clientId, BuilderFactory factory)
            throws ConnectFailed {
        long started = System.nanoTime();
        Connection connection = new Connection(clientId);
        try {
            connection.build(factory, host, port);
            CompletableFuture<Boolean> connected = connection.mqtt.connect();
            connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            connection.connectMillis = (System.nanoTime() - started) / 1_000_000;
            return connection;
        } catch (Exception | Error e) {
            long ms = (System.nanoTime() - started) / 1_000_000;
            try {
                connection.close();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            String what = e instanceof TimeoutException ? "no CONNACK within " + TIMEOUT.toSeconds() + " s (an "
                    + "untrusted server certificate fails only after 10-30 s, s2n-tls blinding)" : describe(cause);
            throw new ConnectFailed(kind + " connect of " + clientId + " to " + host + ":" + port + " failed after "
                    + ms + " ms: " + what, cause);
        }
    }

    /** The CRT's MqttException carries only the error's description, e.g. "socket connection refused.". */
    private static String describe(Throwable t) {
        return t instanceof MqttException ? "MqttException: " + t.getMessage() : t.toString();
    }

    /** The name and description of a CRT error code, e.g. of an {@link Connection#interruptions interruption}. */
    static String errorName(int crtErrorCode) {
        return CRT.awsErrorName(crtErrorCode) + " (" + crtErrorCode + "): " + CRT.awsErrorString(crtErrorCode);
    }

    /**
     * A connected Device SDK client that queues what it receives. It owns every CRT resource it was built with and
     * releases them all on {@link #close()}.
     */
    static final class Connection implements AutoCloseable {
        final String clientId;
        final BlockingQueue<Received> inbox = new LinkedBlockingQueue<>();
        /** The CRT error code of every interruption (0 = the intentional disconnect of {@link #close()}). */
        final BlockingQueue<Integer> interruptions = new LinkedBlockingQueue<>();
        /** How long connecting took, including building the TLS context and loading the native library. */
        volatile long connectMillis;

        private final List<CrtResource> resources = new ArrayList<>();
        private EventLoopGroup eventLoop;
        private ClientBootstrap bootstrap;
        private MqttClientConnection mqtt;
        private boolean connectAttempted;

        private Connection(String clientId) {
            this.clientId = clientId;
        }

        private void build(BuilderFactory factory, String host, int port) throws Exception {
            eventLoop = track(new EventLoopGroup(1));
            HostResolver resolver = track(new HostResolver(eventLoop));
            bootstrap = track(new ClientBootstrap(eventLoop, resolver));
            AwsIotMqttConnectionBuilder builder = track(factory.create());
            builder.withBootstrap(bootstrap)
                    .withEndpoint(host)
                    .withPort(port)
                    .withClientId(clientId)
                    .withCleanSession(true)
                    .withKeepAliveSecs(60)
                    .withTimeoutMs((int) TIMEOUT.toMillis())
                    .withProtocolOperationTimeoutMs((int) TIMEOUT.toMillis())
                    .withConnectionEventCallbacks(new MqttClientConnectionEvents() {
                        @Override
                        public void onConnectionInterrupted(int errorCode) {
                            interruptions.add(errorCode);
                        }

                        @Override
                        public void onConnectionResumed(boolean sessionPresent) {
                        }
                    });
            mqtt = track(builder.build());
            mqtt.onMessage(m -> inbox.add(new Received(m.getTopic(), m.getPayload(), m.getQos(), m.getRetain())));
            connectAttempted = true;
        }

        private <T extends CrtResource> T track(T resource) {
            resources.add(resource);
            return resource;
        }

        /** The SDK's connection, for the SDK's service clients ({@code IotJobsClient}, {@code IotIdentityClient}). */
        MqttClientConnection mqtt() {
            return mqtt;
        }

        /** Subscribes with QoS 1 and waits for the SUBACK. */
        void subscribe(String filter) throws Exception {
            await(mqtt.subscribe(filter, QualityOfService.AT_LEAST_ONCE), "SUBACK for " + filter);
        }

        /** Publishes with QoS 1 and waits for the PUBACK. */
        void publish(String topic, byte[] payload) throws Exception {
            await(mqtt.publish(new MqttMessage(topic, payload, QualityOfService.AT_LEAST_ONCE, false)),
                    "PUBACK for " + topic);
        }

        void publish(String topic, String payload) throws Exception {
            publish(topic, payload.getBytes(StandardCharsets.UTF_8));
        }

        /** @throws AssertionError if no message arrives within {@link #TIMEOUT} */
        Received next() throws InterruptedException {
            Received r = poll(TIMEOUT);
            if (r == null) {
                throw new AssertionError("no message arrived within " + TIMEOUT.toSeconds() + " s for " + clientId);
            }
            return r;
        }

        /** @return the next message, or null if none arrives within {@code wait} */
        Received poll(Duration wait) throws InterruptedException {
            return inbox.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void await(CompletableFuture<?> operation, String what) throws Exception {
            try {
                operation.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("no " + what + " within " + TIMEOUT.toSeconds() + " s for " + clientId, e);
            } catch (ExecutionException e) {
                throw new AssertionError(what + " failed for " + clientId + ": " + describe(e.getCause()),
                        e.getCause());
            }
        }

        /**
         * Disconnects (if connected), then closes the connection, builder, bootstrap, resolver and event loop, and
         * waits until the CRT reports the bootstrap and event loop shut down (native threads gone).
         */
        @Override
        public void close() throws InterruptedException {
            if (mqtt != null && connectAttempted) {
                try {
                    mqtt.disconnect().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException e) {
                    // Not connected, or the server is gone: closing below releases the connection anyway.
                }
            }
            for (int i = resources.size() - 1; i >= 0; i--) {
                resources.get(i).close();
            }
            List<CompletableFuture<Void>> shutdowns = new ArrayList<>();
            if (bootstrap != null) {
                shutdowns.add(bootstrap.getShutdownCompleteFuture());
            }
            if (eventLoop != null) {
                shutdowns.add(eventLoop.getShutdownCompleteFuture());
            }
            try {
                CompletableFuture.allOf(shutdowns.toArray(CompletableFuture[]::new))
                        .get(2 * TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new AssertionError("the CRT resources of " + clientId + " did not shut down within "
                        + 2 * TIMEOUT.toSeconds() + " s", e);
            }
        }
    }
}
