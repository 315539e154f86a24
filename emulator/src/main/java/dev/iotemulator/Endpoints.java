package dev.iotemulator;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.auth.Presigner;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Where a running emulator can be reached, and credentials that it accepts.
 *
 * <pre>{@code
 * URI url = iot.endpoints().presignedWebSocketUri();   // ws://127.0.0.1:<port>/mqtt?X-Amz-...
 * MqttClient paho = new MqttClient(url.toString(), "my-client", null);
 * }</pre>
 */
public final class Endpoints {

    private final String host;
    private final int httpPort;
    private final int mqttPort;
    private final String region;
    private final String accountId;
    private final Credentials defaultCredentials;
    private final Clock clock;

    Endpoints(String host, int httpPort, int mqttPort, String region, String accountId, Credentials defaultCredentials,
            Clock clock) {
        this.host = host;
        this.httpPort = httpPort;
        this.mqttPort = mqttPort;
        this.region = region;
        this.accountId = accountId;
        this.defaultCredentials = defaultCredentials;
        this.clock = clock;
    }

    /** {@code ws://host:port/mqtt}, unsigned. */
    public URI webSocketUri() {
        return URI.create("ws://" + hostAndPort() + "/mqtt");
    }

    /** {@code tcp://host:port} of the plain MQTT listener, if it is on. */
    public Optional<URI> mqttUri() {
        return mqttPort < 0 ? Optional.empty() : Optional.of(URI.create("tcp://" + host + ":" + mqttPort));
    }

    /** {@code http://host:port}, the HTTP port (the same port as the WebSocket). */
    public URI httpUri() {
        return URI.create("http://" + hostAndPort());
    }

    public String host() {
        return host;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The plain MQTT/TCP port, or -1 when that listener is off. */
    public int mqttPort() {
        return mqttPort;
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** The first credential of the configuration (the AWS documentation example key in the default one). */
    public Credentials defaultCredentials() {
        return defaultCredentials;
    }

    /** A WebSocket URL presigned now with the default credentials, as the AWS IoT SDKs sign it. */
    public URI presignedWebSocketUri() {
        return presignedWebSocketUri(defaultCredentials);
    }

    /**
     * A WebSocket URL presigned now with the given credentials: service {@code iotdevicegateway}, host signed with
     * its port (as Paho and mqtt.js send it), session token appended after signing. Valid for as long as the
     * emulator's allowed clock skew (5 minutes by default).
     */
    public URI presignedWebSocketUri(Credentials credentials) {
        LocalCredential credential = new LocalCredential(credentials.accessKeyId(), credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken());
        String query = Presigner.presignQuery(hostAndPort(), "/mqtt", credential, region, clock.instant(), 0);
        return URI.create(webSocketUri() + "?" + query);
    }

    private String hostAndPort() {
        return host + ":" + httpPort;
    }

    @Override
    public String toString() {
        return "Endpoints[webSocket=" + webSocketUri() + ", mqtt=" + mqttUri().map(URI::toString).orElse("off")
                + ", http=" + httpUri() + ", region=" + region + ", accountId=" + accountId + "]";
    }
}
