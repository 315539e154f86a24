package dev.iotemulator;

import dev.iotemulator.internal.config.BindAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How to start an {@link IotEmulator}: listeners, region, account and configuration. Immutable and validated once;
 * the CLI flags, their environment variables and this builder all produce one of these.
 *
 * <pre>{@code
 * EmulatorOptions options = EmulatorOptions.builder().dynamicPorts().region("eu-west-1").build();
 * }</pre>
 *
 * @param bindAddress the address every public listener binds to; {@code 127.0.0.1} unless set
 * @param httpPort HTTP and MQTT-over-WebSocket port; 0 picks a free port
 * @param mqttPort plain MQTT/TCP port; 0 picks a free port, -1 turns the listener off
 * @param region the AWS region the endpoint claims; presigned URLs must be signed for it
 * @param accountId the 12-digit AWS account id used in ARNs
 * @param configDir the configuration directory, or null for the default configuration embedded in the jar
 * @param allowedClockSkew how far {@code X-Amz-Date} may be from the emulator's clock
 * @param limits the MQTT limits enforced; AWS IoT's unless set
 * @param journalCapacity how many entries {@link IotEmulator#journal()} keeps before dropping the oldest;
 *     {@value #DEFAULT_JOURNAL_CAPACITY} unless set, 0 turns the journal (and {@code awaitMessage}) off
 * @param httpsPort HTTPS + WSS port (and MQTT with a client certificate over ALPN {@code x-amzn-mqtt-ca}, as AWS's
 *     port 443); 0 picks a free port, -1 turns the listener off
 * @param mqttsPort MQTT over TLS with client certificates (AWS's port 8883); 0 picks a free port, -1 turns the
 *     listener off
 * @param dataDir where the emulator keeps what it creates: its certificate authority and device certificates; null
 *     keeps them in memory: one CA for the life of the JVM, certificates for the life of the emulator
 * @param tlsHostNames host names or IP addresses the TLS server certificate is valid for besides {@code localhost},
 *     {@code 127.0.0.1} and {@code ::1}; the admin routes also accept them in the {@code Host} header
 * @param adminToken the token every admin route ({@code /__emulator/...}) requires, as
 *     {@code Authorization: Bearer <token>}; null for none on a loopback bind address, and for a random one (printed
 *     in the start-up banner, {@link Endpoints#adminToken()}) on any other
 * @param anonymousTcpLogin whether a plain MQTT/TCP client without a username acts as the default credential; true
 *     unless set on a loopback bind address, false unless set on any other
 * @param persistence whether shadows, retained messages, persistent sessions and certificate status changes are kept
 *     in {@code dataDir} across restarts (the runnable jar's default); false keeps them in memory (the library's
 *     default)
 * @param maxConnections client connections the listeners accept at once, all together; more are closed at once with a
 *     log line; {@value #DEFAULT_MAX_CONNECTIONS} unless set (lowered to fit the process's file descriptor limit)
 * @param httpRequestTimeout how long an HTTP client has, from connecting, to send a whole request before its
 *     connection is closed; 10 s unless set
 * @param actionEndpoints where topic-rule actions reach each AWS service ({@code lambda}, {@code dynamodb},
 *     {@code sqs}, {@code kinesis}, {@code s3}, {@code firehose}, {@code logs}, or {@code default} for all of them):
 *     local servers such as dynalite or LocalStack; the emulator never calls AWS itself
 */
public record EmulatorOptions(String bindAddress, int httpPort, int mqttPort, String region, String accountId,
        Path configDir, Duration allowedClockSkew, MqttLimits limits, int journalCapacity, int httpsPort,
        int mqttsPort, Path dataDir, List<String> tlsHostNames, String adminToken, boolean anonymousTcpLogin,
        boolean persistence, int maxConnections, Duration httpRequestTimeout,
        Map<String, URI> actionEndpoints) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_MQTT_PORT = 1883;
    public static final int DEFAULT_HTTPS_PORT = 8443;
    public static final int DEFAULT_MQTTS_PORT = 8883;
    public static final String DEFAULT_REGION = "us-east-1";
    public static final String DEFAULT_ACCOUNT_ID = "000000000000";
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(5);
    public static final int DEFAULT_JOURNAL_CAPACITY = 10_000;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final Duration DEFAULT_HTTP_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** The service names {@code actionEndpoints} takes. */
    public static final Set<String> ACTION_SERVICES = Set.of("lambda", "dynamodb", "sqs", "kinesis", "s3",
            "firehose", "logs", "default");

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9.:*-]{1,253}");
    private static final Pattern ADMIN_TOKEN = Pattern.compile("[\\x21-\\x7e]{16,256}");

    public EmulatorOptions {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
        Objects.requireNonNull(limits, "limits");
        tlsHostNames = List.copyOf(Objects.requireNonNull(tlsHostNames, "tlsHostNames"));
        actionEndpoints = Map.copyOf(Objects.requireNonNull(actionEndpoints, "actionEndpoints"));
        for (Map.Entry<String, URI> e : actionEndpoints.entrySet()) {
            if (!ACTION_SERVICES.contains(e.getKey())) {
                throw new ConfigurationException("Unknown service '" + e.getKey() + "' in --action-endpoint: use one of "
                        + ACTION_SERVICES.stream().sorted().toList() + ", as in --action-endpoint dynamodb=http://127.0.0.1:4567.");
            }
            String scheme = e.getValue().getScheme();
            if (e.getValue().getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                throw new ConfigurationException("The endpoint for " + e.getKey() + " must be an http:// or https:// "
                        + "URL with a host, such as http://127.0.0.1:4567, not '" + e.getValue() + "'.");
            }
        }
        for (String name : tlsHostNames) {
            if (!HOST_NAME.matcher(name).matches()) {
                throw new ConfigurationException("'" + name + "' is not a host name or IP address for the TLS "
                        + "certificate " + knob("--tls-host-names", "IOT_EMULATOR_TLS_HOST_NAMES", "tlsHostNames")
                        + ".");
            }
        }
        if (adminToken != null && !ADMIN_TOKEN.matcher(adminToken).matches()) {
            throw new ConfigurationException("The admin token must be 16 to 256 visible ASCII characters without "
                    + "spaces (--admin-token, IOT_EMULATOR_ADMIN_TOKEN); leave it unset for a random one.");
        }
        if (maxConnections < 1) {
            throw new ConfigurationException("The connection limit must be 1 or more, not " + maxConnections
                    + " (--max-connections).");
        }
        Objects.requireNonNull(httpRequestTimeout, "httpRequestTimeout");
        if (httpRequestTimeout.isNegative() || httpRequestTimeout.isZero()) {
            throw new ConfigurationException("The HTTP request time-out must be positive, not " + httpRequestTimeout
                    + " (--http-request-timeout-seconds).");
        }
        if (persistence && dataDir == null) {
            throw new ConfigurationException("Persistence keeps state in the data directory, so it needs one: set "
                    + "dataDir(...) (--data-dir), or turn persistence off.");
        }
        checkTlsPort(httpsPort, "HTTPS", knob("--https-port", "IOT_EMULATOR_HTTPS_PORT", "httpsPort"));
        checkTlsPort(mqttsPort, "MQTTS", knob("--mqtts-port", "IOT_EMULATOR_MQTTS_PORT", "mqttsPort"));
        if (httpPort < 0 || httpPort > 65535) {
            throw new ConfigurationException("HTTP port " + httpPort + " is out of range 0-65535 "
                    + knob("--http-port", "IOT_EMULATOR_HTTP_PORT", "httpPort") + ".");
        }
        if (mqttPort < -1 || mqttPort > 65535) {
            throw new ConfigurationException("MQTT port " + mqttPort + " is out of range: use 0-65535, or -1 to turn "
                    + "the MQTT/TCP listener off " + knob("--mqtt-port", "IOT_EMULATOR_MQTT_PORT", "mqttPort") + ".");
        }
        if (!REGION.matcher(region).matches()) {
            throw new ConfigurationException("'" + region + "' is not an AWS region name such as us-east-1 "
                    + knob("--region", "IOT_EMULATOR_REGION", "region") + ".");
        }
        if (!ACCOUNT.matcher(accountId).matches()) {
            throw new ConfigurationException("Account id '" + accountId + "' must be 12 digits "
                    + knob("--account-id", "IOT_EMULATOR_ACCOUNT_ID", "accountId") + ".");
        }
        if (allowedClockSkew.isNegative() || allowedClockSkew.isZero()) {
            throw new ConfigurationException("The allowed clock skew must be a positive number of seconds, not "
                    + allowedClockSkew.toSeconds() + " "
                    + knob("--clock-skew-seconds", "IOT_EMULATOR_CLOCK_SKEW_SECONDS", "allowedClockSkew") + ".");
        }
        if (journalCapacity < 0) {
            throw new ConfigurationException("The journal capacity must be 0 (off) or more, not " + journalCapacity
                    + " " + knob("--journal-capacity", "IOT_EMULATOR_JOURNAL_CAPACITY", "journalCapacity") + ".");
        }
    }

    private static void checkTlsPort(int port, String what, String knob) {
        if (port < -1 || port > 65535) {
            throw new ConfigurationException(what + " port " + port + " is out of range: use 0-65535, or -1 to turn "
                    + "that listener off " + knob + ".");
        }
    }

    /** Every way to set an option, for messages: the same value may come from any of them. */
    private static String knob(String flag, String environmentVariable, String builderMethod) {
        return "(" + flag + ", environment variable " + environmentVariable + ", or the builder's "
                + builderMethod + "(...))";
    }

    /**
     * The defaults: ports 8080 (HTTP/WS), 1883 (MQTT), 8443 (HTTPS/WSS) and 8883 (MQTT/TLS) on 127.0.0.1,
     * us-east-1, account 000000000000, embedded config, no data directory.
     */
    public static EmulatorOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().bindAddress(bindAddress).httpPort(httpPort).mqttPort(mqttPort).region(region)
                .accountId(accountId).configDir(configDir).allowedClockSkew(allowedClockSkew).limits(limits)
                .journalCapacity(journalCapacity).httpsPort(httpsPort).mqttsPort(mqttsPort).dataDir(dataDir)
                .tlsHostNames(tlsHostNames).adminToken(adminToken).anonymousTcpLogin(anonymousTcpLogin)
                .persistence(persistence).maxConnections(maxConnections).httpRequestTimeout(httpRequestTimeout)
                .actionEndpoints(actionEndpoints);
    }

    /** Builds {@link EmulatorOptions}; every setter has the default documented on the record. */
    public static final class Builder {
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int mqttPort = DEFAULT_MQTT_PORT;
        private String region = DEFAULT_REGION;
        private String accountId = DEFAULT_ACCOUNT_ID;
        private Path configDir;
        private Duration allowedClockSkew = DEFAULT_CLOCK_SKEW;
        private MqttLimits limits = MqttLimits.aws();
        private int journalCapacity = DEFAULT_JOURNAL_CAPACITY;
        private int httpsPort = DEFAULT_HTTPS_PORT;
        private int mqttsPort = DEFAULT_MQTTS_PORT;
        private Path dataDir;
        private List<String> tlsHostNames = List.of();
        private String adminToken;
        private Boolean anonymousTcpLogin;
        private boolean persistence;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private Duration httpRequestTimeout = DEFAULT_HTTP_REQUEST_TIMEOUT;
        private final Map<String, URI> actionEndpoints = new LinkedHashMap<>();

        private Builder() {
        }

        /** Free ports for every listener: what tests want. */
        public Builder dynamicPorts() {
            return httpPort(0).mqttPort(0).httpsPort(httpsPort < 0 ? -1 : 0).mqttsPort(mqttsPort < 0 ? -1 : 0);
        }

        /** The HTTPS/WSS port; 0 picks a free one, -1 turns it off. */
        public Builder httpsPort(int httpsPort) {
            this.httpsPort = httpsPort;
            return this;
        }

        /** The MQTT-over-TLS (client certificate) port; 0 picks a free one, -1 turns it off. */
        public Builder mqttsPort(int mqttsPort) {
            this.mqttsPort = mqttsPort;
            return this;
        }

        /** Both TLS listeners off: no certificate authority is created. */
        public Builder withoutTls() {
            return httpsPort(-1).mqttsPort(-1);
        }

        /** Where to keep the CA and created device certificates across restarts; null keeps them in memory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** How many client connections the listeners accept at once, all together; more are closed at once. */
        public Builder maxConnections(int maxConnections) {
            this.maxConnections = maxConnections;
            return this;
        }

        /** How long an HTTP client has, from connecting, to send a whole request. */
        public Builder httpRequestTimeout(Duration httpRequestTimeout) {
            this.httpRequestTimeout = httpRequestTimeout;
            return this;
        }

        /**
         * Keeps shadows, retained messages, persistent sessions and certificate status changes in the data directory
         * (which must be set), so they survive a restart or a crash; off unless set, so tests start clean.
         */
        public Builder persistence(boolean persistence) {
            this.persistence = persistence;
            return this;
        }

        /** Extra names for the TLS server certificate, say a LAN host name or a Docker service name. */
        public Builder tlsHostNames(List<String> tlsHostNames) {
            this.tlsHostNames = tlsHostNames;
            return this;
        }

        /**
         * The token the admin routes require ({@code Authorization: Bearer <token>}), also on a loopback bind address;
         * null (the default) for none there and for a random one on any other bind address.
         */
        public Builder adminToken(String adminToken) {
            this.adminToken = adminToken;
            return this;
        }

        /**
         * Whether a plain MQTT/TCP client that sends no username acts as the default credential. Unless set: yes on a
         * loopback bind address, no on any other (such a client then gets CONNACK 5, not authorized).
         */
        public Builder anonymousTcpLogin(boolean anonymousTcpLogin) {
            this.anonymousTcpLogin = anonymousTcpLogin;
            return this;
        }

        public Builder bindAddress(String bindAddress) {
            this.bindAddress = bindAddress;
            return this;
        }

        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        public Builder mqttPort(int mqttPort) {
            this.mqttPort = mqttPort;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder accountId(String accountId) {
            this.accountId = accountId;
            return this;
        }

        public Builder configDir(Path configDir) {
            this.configDir = configDir;
            return this;
        }

        public Builder allowedClockSkew(Duration allowedClockSkew) {
            this.allowedClockSkew = allowedClockSkew;
            return this;
        }

        /** MQTT limits other than AWS IoT's; see {@link MqttLimits}. */
        public Builder limits(MqttLimits limits) {
            this.limits = limits;
            return this;
        }

        /** How many journal entries to keep; 0 turns the journal off. */
        public Builder journalCapacity(int journalCapacity) {
            this.journalCapacity = journalCapacity;
            return this;
        }

        /**
         * Where topic-rule actions reach {@code service} ({@code lambda}, {@code dynamodb}, {@code sqs},
         * {@code kinesis}, {@code s3}, {@code firehose}, {@code logs}, or {@code default} for every service not
         * named), e.g. {@code actionEndpoint("dynamodb", URI.create("http://127.0.0.1:4567"))} for dynalite.
         */
        public Builder actionEndpoint(String service, URI endpoint) {
            actionEndpoints.put(service, endpoint);
            return this;
        }

        /** Replaces every action endpoint; see {@link #actionEndpoint}. */
        public Builder actionEndpoints(Map<String, URI> endpoints) {
            actionEndpoints.clear();
            actionEndpoints.putAll(endpoints);
            return this;
        }

        public EmulatorOptions build() {
            return new EmulatorOptions(bindAddress, httpPort, mqttPort, region, accountId, configDir,
                    allowedClockSkew, limits, journalCapacity, httpsPort, mqttsPort, dataDir, tlsHostNames,
                    adminToken, anonymousTcpLogin != null ? anonymousTcpLogin
                            : bindAddress != null && BindAddress.isLoopback(bindAddress), persistence, maxConnections,
                    httpRequestTimeout, actionEndpoints);
        }
    }
}
