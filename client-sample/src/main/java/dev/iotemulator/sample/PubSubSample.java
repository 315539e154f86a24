package dev.iotemulator.sample;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Connects Paho to AWS IoT Core (or the local emulator) over a SigV4-presigned WebSocket, subscribes to a topic,
 * publishes one message to it and waits for that message to come back.
 *
 * <p>Nothing here knows about the emulator: pointing it at AWS IoT Core means a different endpoint, {@code wss} and
 * real credentials (see {@link Settings#USAGE}). The credentials need an IoT policy allowing {@code iot:Connect},
 * {@code iot:Subscribe}, {@code iot:Receive} and {@code iot:Publish} for the client id and topic.
 *
 * <pre>{@code
 * Settings settings = Settings.from(args, System.getenv());
 * PubSubSample.Result result = PubSubSample.run(settings);
 * }</pre>
 */
public final class PubSubSample {

    private static final int QOS = 1;

    private PubSubSample() {
    }

    /**
     * What came back.
     *
     * @param roundTrip from publishing to receiving the message
     */
    public record Result(String topic, String payload, Duration roundTrip) {
    }

    /** Why the sample failed, in words that name the likely fix. */
    public static final class SampleFailure extends RuntimeException {
        SampleFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Parses the arguments and environment, runs once, prints what it received; exits 1 on failure, 2 on bad usage. */
    public static void main(String[] args) {
        Settings settings;
        try {
            settings = Settings.from(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Settings.USAGE);
            System.exit(2);
            return;
        }
        try {
            Result result = run(settings);
            System.out.println("Received on " + result.topic() + ": " + result.payload() + " (round trip "
                    + result.roundTrip().toMillis() + " ms)");
        } catch (SampleFailure e) {
            System.err.println("Sample failed: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Connects, subscribes, publishes {@link Settings#message()} to {@link Settings#topic()}, waits for it, disconnects.
     *
     * @throws SampleFailure when connecting, subscribing or publishing fails, or the message does not come back in time
     */
    public static Result run(Settings settings) {
        SigV4WebSocketPresigner presigner = new SigV4WebSocketPresigner(settings.accessKeyId(),
                settings.secretAccessKey(), settings.sessionToken(), settings.region());
        String url = presigner.presign(settings.scheme(), settings.host(), settings.port(), Instant.now()).toString();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (MqttClient client = new MqttClient(url, settings.clientId(), new MemoryPersistence())) {
            connect(client, settings);
            try {
                client.subscribe(settings.topic(), QOS,
                        (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
                long sent = System.nanoTime();
                client.publish(settings.topic(), settings.message().getBytes(StandardCharsets.UTF_8), QOS, false);
                String payload = awaitPayload(received, settings);
                return new Result(settings.topic(), payload, Duration.ofNanos(System.nanoTime() - sent));
            } finally {
                client.disconnect();
            }
        } catch (MqttException e) {
            throw new SampleFailure("MQTT error on " + settings.topic() + ": " + e
                    + ". Does the IoT policy allow iot:Subscribe, iot:Receive and iot:Publish for this topic?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleFailure("Interrupted while waiting for the message", e);
        }
    }

    private static void connect(MqttClient client, Settings settings) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        // AWS IoT speaks 3.1.1; the default would retry a refused connection as MQTT 3.1, signing nothing new.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(Math.max(1, (int) settings.timeout().toSeconds()));
        options.setKeepAliveInterval(30);
        try {
            client.connect(options);
        } catch (MqttException e) {
            throw new SampleFailure("Cannot connect to " + settings.scheme() + "://" + settings.host() + ":"
                    + settings.port() + " as " + settings.clientId() + ": " + e + ". Check the endpoint, the scheme"
                    + " (wss for AWS, ws for the emulator), the region, the credentials and the clock;"
                    + " a 403 on the upgrade means the signature was refused.", e);
        }
    }

    private static String awaitPayload(BlockingQueue<String> received, Settings settings)
            throws InterruptedException {
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        List<String> others = new ArrayList<>();
        while (true) {
            String payload = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (payload == null) {
                throw new SampleFailure("The message did not come back on " + settings.topic() + " within "
                        + settings.timeout().toSeconds() + " s; other messages received: " + others
                        + ". Does the IoT policy allow iot:Receive on this topic?", null);
            }
            if (payload.equals(settings.message())) {
                return payload;
            }
            others.add(payload);
        }
    }
}
