package dev.iotemulator;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.auth.Presigner;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

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
    private final String tlsHost;
    private final int httpsPort;
    private final int mqttsPort;
    private final Supplier<Path> caCertificateFile;
    private final String adminToken;

    Endpoints(String host, int httpPort, int mqttPort, String region, String accountId, Credentials defaultCredentials,
            Clock clock) {
        this(host, httpPort, mqttPort, region, accountId, defaultCredentials, clock, host, -1, -1, null, null);
    }

    Endpoints(String host, int httpPort, int mqttPort, String region, String accountId, Credentials defaultCredentials,
            Clock clock, String tlsHost, int httpsPort, int mqttsPort, Supplier<Path> caCertificateFile,
            String adminToken) {
        this.adminToken = adminToken;
        this.tlsHost = tlsHost;
        this.httpsPort = httpsPort;
        this.mqttsPort = mqttsPort;
        this.caCertificateFile = caCertificateFile;
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

    /**
     * The token the admin routes ({@code /__emulator/...}) require, when they require one: always when the emulator
     * listens beyond loopback, or when one was set. {@link RemoteEmulator#connect(Endpoints)} sends it.
     */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken);
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

    /**
     * The host name TLS clients should connect to: one the server certificate is valid for ({@code localhost}
     * unless the emulator is bound to another address).
     */
    public String tlsHost() {
        return tlsHost;
    }

    /** The HTTPS/WSS port, or -1 when that listener is off. */
    public int httpsPort() {
        return httpsPort;
    }

    /** The MQTT-over-TLS port that requires client certificates (AWS's 8883), or -1 when that listener is off. */
    public int mqttsPort() {
        return mqttsPort;
    }

    /** {@code https://localhost:port}, if the HTTPS listener is on. */
    public Optional<URI> httpsUri() {
        return httpsPort < 0 ? Optional.empty() : Optional.of(URI.create("https://" + tlsHost + ":" + httpsPort));
    }

    /** {@code ssl://localhost:port} of the MQTT-over-TLS listener (client certificates), if it is on. */
    public Optional<URI> mqttsUri() {
        return mqttsPort < 0 ? Optional.empty() : Optional.of(URI.create("ssl://" + tlsHost + ":" + mqttsPort));
    }

    /**
     * The emulator's CA certificate (PEM), which signs its server and device certificates: give it to TLS clients
     * to trust ({@code withCertificateAuthorityFromPath}, {@code NODE_EXTRA_CA_CERTS}, {@code --cafile}). Empty when
     * TLS is off. Right after start-up this may wait for the TLS set-up to finish.
     */
    public Optional<Path> caCertificateFile() {
        return caCertificateFile == null ? Optional.empty() : Optional.of(caCertificateFile.get());
    }

    /** A {@code wss://} URL presigned now with the default credentials; needs the HTTPS listener. */
    public URI presignedSecureWebSocketUri() {
        return presignedSecureWebSocketUri(defaultCredentials);
    }

    /** A {@code wss://} URL presigned now with the given credentials, signed as {@link #presignedWebSocketUri}. */
    public URI presignedSecureWebSocketUri(Credentials credentials) {
        if (httpsPort < 0) {
            throw new IllegalStateException("the HTTPS listener is off (httpsPort -1)");
        }
        LocalCredential credential = new LocalCredential(credentials.accessKeyId(), credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken());
        String authority = tlsHost + ":" + httpsPort;
        String query = Presigner.presignQuery(authority, "/mqtt", credential, region, clock.instant(), 0);
        return URI.create("wss://" + authority + "/mqtt?" + query);
    }

    private String hostAndPort() {
        return host + ":" + httpPort;
    }

    @Override
    public String toString() {
        return "Endpoints[webSocket=" + webSocketUri() + ", mqtt=" + mqttUri().map(URI::toString).orElse("off")
                + ", http=" + httpUri() + ", https=" + httpsUri().map(URI::toString).orElse("off") + ", mqtts="
                + mqttsUri().map(URI::toString).orElse("off") + ", region=" + region + ", accountId=" + accountId + "]";
    }
}
