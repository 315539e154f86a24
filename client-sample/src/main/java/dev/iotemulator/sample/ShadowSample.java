package dev.iotemulator.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The Device Shadow round trip most AWS IoT apps have: a device reports its state over MQTT, an app sets the desired
 * state over the HTTPS data plane, and the device receives the difference on {@code .../shadow/update/delta}. Runs
 * unchanged against AWS IoT Core and the emulator; only endpoint, scheme and credentials differ.
 *
 * <pre>
 * IOT_THING_NAME=lamp-1 mvn -q -pl client-sample compile exec:java -Dsample.mainClass=dev.iotemulator.sample.ShadowSample
 * </pre>
 */
public final class ShadowSample {

    /** @param delta the {@code /update/delta} document the device received */
    public record Result(String thingName, String delta) {
    }

    private ShadowSample() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.from(args, System.getenv());
        String thing = System.getenv().getOrDefault("IOT_THING_NAME", "sample-thing");
        Result result = run(settings, thing, "green");
        System.out.println("Delta for " + result.thingName() + ": " + result.delta());
    }

    public static Result run(Settings settings, String thingName, String desiredColor) {
        String shadow = "$aws/things/" + thingName + "/shadow";
        String url = new SigV4WebSocketPresigner(settings.accessKeyId(), settings.secretAccessKey(),
                settings.sessionToken(), settings.region()).presign(settings.scheme(), settings.host(), settings.port(),
                Instant.now()).toString();
        BlockingQueue<String> deltas = new LinkedBlockingQueue<>();
        try (MqttClient device = new MqttClient(url, settings.clientId(), new MemoryPersistence())) {
            MqttConnectOptions options = new MqttConnectOptions();
            options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            options.setConnectionTimeout(Math.max(1, (int) settings.timeout().toSeconds()));
            device.connect(options);
            try {
                device.subscribe(shadow + "/update/delta", 1,
                        (topic, message) -> deltas.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
                device.publish(shadow + "/update",
                        "{\"state\":{\"reported\":{\"color\":\"red\"}}}".getBytes(StandardCharsets.UTF_8), 1, false);
                setDesiredOverHttp(settings, thingName, desiredColor);
                String delta = deltas.poll(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
                if (delta == null) {
                    throw new PubSubSample.SampleFailure("No delta arrived on " + shadow + "/update/delta within "
                            + settings.timeout().toSeconds() + " s. Does the policy allow iot:Subscribe and "
                            + "iot:Receive on the shadow topics?", null);
                }
                return new Result(thingName, delta);
            } finally {
                device.disconnect();
            }
        } catch (MqttException e) {
            throw new PubSubSample.SampleFailure("MQTT error for " + shadow + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PubSubSample.SampleFailure("Interrupted while waiting for the delta", e);
        }
    }

    /** The app's side: {@code POST /things/<thing>/shadow}, SigV4-signed for service {@code iotdata}. */
    private static void setDesiredOverHttp(Settings settings, String thingName, String color)
            throws InterruptedException {
        boolean tls = settings.scheme().equals("wss");
        boolean defaultPort = settings.port() == (tls ? 443 : 80);
        String host = settings.host().toLowerCase(java.util.Locale.ROOT);
        String hostHeader = defaultPort ? host : host + ":" + settings.port();
        String path = "/things/" + SigV4Crypto.encode(thingName) + "/shadow";
        byte[] body = ("{\"state\":{\"desired\":{\"color\":\"" + color + "\"}}}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> signed = new SigV4HeaderSigner(settings.accessKeyId(), settings.secretAccessKey(),
                settings.sessionToken(), settings.region()).sign("POST", hostHeader, path, "", body, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create((tls ? "https://" : "http://") + hostHeader
                + path)).timeout(settings.timeout()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.forEach(request::header);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new PubSubSample.SampleFailure("UpdateThingShadow over HTTP answered " + response.statusCode()
                        + ": " + response.body(), null);
            }
        } catch (java.io.IOException e) {
            throw new PubSubSample.SampleFailure("Cannot reach the data plane at " + hostHeader + ": " + e, e);
        }
    }
}
