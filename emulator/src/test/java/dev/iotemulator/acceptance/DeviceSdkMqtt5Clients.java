package dev.iotemulator.acceptance;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.crt.mqtt5.Mqtt5Client;
import software.amazon.awssdk.crt.mqtt5.Mqtt5ClientOptions;
import software.amazon.awssdk.crt.mqtt5.OnAttemptingConnectReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionFailureReturn;
import software.amazon.awssdk.crt.mqtt5.OnConnectionSuccessReturn;
import software.amazon.awssdk.crt.mqtt5.OnDisconnectionReturn;
import software.amazon.awssdk.crt.mqtt5.OnStoppedReturn;
import software.amazon.awssdk.crt.mqtt5.PublishResult;
import software.amazon.awssdk.crt.mqtt5.QOS;
import software.amazon.awssdk.crt.mqtt5.packets.ConnAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.PublishPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubAckPacket;
import software.amazon.awssdk.crt.mqtt5.packets.SubscribePacket;
import software.amazon.awssdk.iot.AwsIotMqtt5ClientBuilder;

/**
 * The AWS IoT Device SDK for Java v2 (1.30.1, aws-crt 0.43.6) {@code Mqtt5Client}, built with
 * {@code AwsIotMqtt5ClientBuilder} as a device app builds it, changed only in endpoint, port and CA: mTLS with a
 * device certificate, or WebSocket over TLS with a SigV4-presigned upgrade. The SDK starts connecting on
 * {@code start()} and reconnects by itself; {@link Client#close()} stops it and waits until it has.
 */
final class DeviceSdkMqtt5Clients {

    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private DeviceSdkMqtt5Clients() {
    }

    static AwsIotMqtt5ClientBuilder mtls(String host, int port, Path ca, Path cert, Path key) {
        return AwsIotMqtt5ClientBuilder.newDirectMqttBuilderWithMtlsFromPath(host, cert.toString(), key.toString())
                .withCertificateAuthorityFromPath(null, ca.toString()).withPort((long) port);
    }

    /** @param sessionTokenOrNull the token of temporary credentials, null for long-term keys */
    static AwsIotMqtt5ClientBuilder webSocketSigV4(String host, int port, Path ca, String region, String accessKeyId,
            String secret, String sessionTokenOrNull) {
        AwsIotMqtt5ClientBuilder.WebsocketSigv4Config config = new AwsIotMqtt5ClientBuilder.WebsocketSigv4Config();
        config.region = region;
        config.credentialsProvider = DeviceSdkClients.staticCredentials(accessKeyId, secret, sessionTokenOrNull);
        return AwsIotMqtt5ClientBuilder.newWebsocketMqttBuilderWithSigv4Auth(host, config)
                .withCertificateAuthorityFromPath(null, ca.toString()).withPort((long) port);
    }

    /** Builds and starts the client; {@link Client#connected} completes with the CONNACK. */
    static Client start(AwsIotMqtt5ClientBuilder builder, String clientId) {
        Client c = new Client();
        builder.withClientId(clientId).withKeepAliveIntervalSeconds(60L)
                .withLifeCycleEvents(c.events()).withPublishEvents((client, received) ->
                        c.inbox.add(received.getPublishPacket()));
        c.mqtt = builder.build();
        c.mqtt.start();
        return c;
    }

    /** A started SDK client and what it reported. */
    static final class Client implements AutoCloseable {
        final BlockingQueue<PublishPacket> inbox = new LinkedBlockingQueue<>();
        final CompletableFuture<ConnAckPacket> connected = new CompletableFuture<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        private final CompletableFuture<Void> stopped = new CompletableFuture<>();
        Mqtt5Client mqtt;

        Mqtt5ClientOptions.LifecycleEvents events() {
            return new Mqtt5ClientOptions.LifecycleEvents() {
                @Override
                public void onAttemptingConnect(Mqtt5Client client, OnAttemptingConnectReturn r) {
                }

                @Override
                public void onConnectionSuccess(Mqtt5Client client, OnConnectionSuccessReturn r) {
                    connected.complete(r.getConnAckPacket());
                }

                @Override
                public void onConnectionFailure(Mqtt5Client client, OnConnectionFailureReturn r) {
                    failures.add(DeviceSdkClients.errorName(r.getErrorCode()) + (r.getConnAckPacket() == null ? ""
                            : " CONNACK " + r.getConnAckPacket().getReasonCode()));
                }

                @Override
                public void onDisconnection(Mqtt5Client client, OnDisconnectionReturn r) {
                }

                @Override
                public void onStopped(Mqtt5Client client, OnStoppedReturn r) {
                    stopped.complete(null);
                }
            };
        }

        ConnAckPacket awaitConnected() throws Exception {
            try {
                return connected.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("the SDK did not connect within " + TIMEOUT.toSeconds() + " s; failures: "
                        + failures, e);
            }
        }

        SubAckPacket subscribe(String filter) throws Exception {
            return mqtt.subscribe(new SubscribePacket.SubscribePacketBuilder(filter, QOS.AT_LEAST_ONCE).build())
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        PublishResult publish(PublishPacket packet) throws Exception {
            return mqtt.publish(packet).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }

        PublishPacket next() throws InterruptedException {
            PublishPacket p = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (p == null) {
                throw new AssertionError("no message within " + TIMEOUT.toSeconds() + " s");
            }
            return p;
        }

        static List<String> names(List<software.amazon.awssdk.crt.mqtt5.packets.UserProperty> properties) {
            return properties.stream().map(p -> p.key + "=" + p.value).toList();
        }

        @Override
        public void close() throws Exception {
            if (mqtt != null) {
                mqtt.stop();
                stopped.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                mqtt.close();
            }
        }
    }
}
