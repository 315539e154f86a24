package dev.iotemulator.internal.cli;

import dev.iotemulator.EmulatorOptions;
import dev.iotemulator.IotEmulator;
import dev.iotemulator.IotEmulatorException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar iot-emulator.jar}: starts the emulator and prints where it listens. */
@Command(name = "iot-emulator", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        sortOptions = false, subcommands = {Main.Health.class, CreateCertificateCommand.class},
        description = "A local emulator of AWS IoT Core: MQTT over SigV4-presigned WebSockets, MQTT/TCP, HTTP.%n"
                + "Every option can also be set with the environment variable shown in its description.")
public final class Main implements Callable<Integer> {

    @Option(names = "--http-port", paramLabel = "PORT",
            defaultValue = "${env:IOT_EMULATOR_HTTP_PORT:-8080}",
            description = "HTTP and MQTT-over-WebSocket port; 0 picks a free port. Env IOT_EMULATOR_HTTP_PORT. "
                    + "Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--mqtt-port", paramLabel = "PORT",
            defaultValue = "${env:IOT_EMULATOR_MQTT_PORT:-1883}",
            description = "Plain MQTT/TCP port; 0 picks a free port, -1 turns it off. Env IOT_EMULATOR_MQTT_PORT. "
                    + "Default: ${DEFAULT-VALUE}.")
    int mqttPort;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            defaultValue = "${env:IOT_EMULATOR_BIND:-127.0.0.1}",
            description = "Address every listener binds to (0.0.0.0 for all interfaces, e.g. in a container). "
                    + "Env IOT_EMULATOR_BIND. Default: ${DEFAULT-VALUE}.")
    String bind;

    @Option(names = "--region", paramLabel = "REGION",
            defaultValue = "${env:IOT_EMULATOR_REGION:-us-east-1}",
            description = "AWS region of the endpoint; URLs must be signed for it. Env IOT_EMULATOR_REGION. "
                    + "Default: ${DEFAULT-VALUE}.")
    String region;

    @Option(names = "--account-id", paramLabel = "ID",
            defaultValue = "${env:IOT_EMULATOR_ACCOUNT_ID:-000000000000}",
            description = "12-digit AWS account id used in ARNs. Env IOT_EMULATOR_ACCOUNT_ID. "
                    + "Default: ${DEFAULT-VALUE}.")
    String accountId;

    @Option(names = "--config-dir", paramLabel = "DIR",
            defaultValue = "${env:IOT_EMULATOR_CONFIG_DIR}",
            description = "Configuration directory (credentials.json). Env IOT_EMULATOR_CONFIG_DIR. "
                    + "Default: the configuration embedded in the jar.")
    Path configDir;

    @Option(names = "--clock-skew-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:IOT_EMULATOR_CLOCK_SKEW_SECONDS:-300}",
            description = "How far X-Amz-Date may be from the emulator's clock. Env IOT_EMULATOR_CLOCK_SKEW_SECONDS. "
                    + "Default: ${DEFAULT-VALUE}.")
    long clockSkewSeconds;

    @Option(names = "--journal-capacity", paramLabel = "ENTRIES",
            defaultValue = "${env:IOT_EMULATOR_JOURNAL_CAPACITY:-10000}",
            description = "How many entries the message journal (GET /__emulator/journal) keeps; 0 turns it off. "
                    + "Env IOT_EMULATOR_JOURNAL_CAPACITY. Default: ${DEFAULT-VALUE}.")
    int journalCapacity;

    @Option(names = "--https-port", paramLabel = "PORT",
            defaultValue = "${env:IOT_EMULATOR_HTTPS_PORT:-8443}",
            description = "HTTPS and MQTT-over-WSS port (AWS's 443; also MQTT with a client certificate over ALPN "
                    + "x-amzn-mqtt-ca); 0 picks a free port, -1 turns it off. Env IOT_EMULATOR_HTTPS_PORT. "
                    + "Default: ${DEFAULT-VALUE}.")
    int httpsPort;

    @Option(names = "--mqtts-port", paramLabel = "PORT",
            defaultValue = "${env:IOT_EMULATOR_MQTTS_PORT:-8883}",
            description = "MQTT over TLS with client certificates (AWS's 8883); 0 picks a free port, -1 turns it off. "
                    + "Env IOT_EMULATOR_MQTTS_PORT. Default: ${DEFAULT-VALUE}.")
    int mqttsPort;

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${env:IOT_EMULATOR_DATA_DIR:-${sys:user.home}/.iot-emulator}",
            description = "Where the local certificate authority, created device certificates and (with "
                    + "--persistence) the emulator's state are kept across restarts. Env IOT_EMULATOR_DATA_DIR. "
                    + "Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--tls-host-names", paramLabel = "NAMES", split = ",",
            defaultValue = "${env:IOT_EMULATOR_TLS_HOST_NAMES}",
            description = "Comma-separated extra host names or IP addresses for the TLS server certificate, besides "
                    + "localhost, 127.0.0.1 and ::1. Env IOT_EMULATOR_TLS_HOST_NAMES.")
    List<String> tlsHostNames;

    @Option(names = "--admin-token", paramLabel = "TOKEN",
            defaultValue = "${env:IOT_EMULATOR_ADMIN_TOKEN}",
            description = "Token the admin routes (/__emulator/...) require as 'Authorization: Bearer <token>'. "
                    + "Unset: none on a loopback --bind, a random one (printed at start-up) on any other. "
                    + "Env IOT_EMULATOR_ADMIN_TOKEN.")
    String adminToken;

    @Option(names = "--anonymous-tcp-login", paramLabel = "true|false", arity = "1",
            defaultValue = "${env:IOT_EMULATOR_ANONYMOUS_TCP_LOGIN}",
            description = "Whether a plain MQTT/TCP client without a username acts as the default credential. "
                    + "Unset: true on a loopback --bind, false on any other. Env IOT_EMULATOR_ANONYMOUS_TCP_LOGIN.")
    Boolean anonymousTcpLogin;

    @Option(names = "--persistence", paramLabel = "true|false", arity = "1",
            defaultValue = "${env:IOT_EMULATOR_PERSISTENCE:-true}",
            description = "Keep shadows, retained messages, persistent sessions and certificate status changes in the "
                    + "data directory across restarts. Env IOT_EMULATOR_PERSISTENCE. Default: ${DEFAULT-VALUE}.")
    boolean persistence;

    @Option(names = "--max-connections", paramLabel = "N",
            defaultValue = "${env:IOT_EMULATOR_MAX_CONNECTIONS:-10000}",
            description = "Client connections accepted at once over every listener; more are closed with a log line. "
                    + "Env IOT_EMULATOR_MAX_CONNECTIONS. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--http-request-timeout-seconds", paramLabel = "SECONDS",
            defaultValue = "${env:IOT_EMULATOR_HTTP_REQUEST_TIMEOUT_SECONDS:-10}",
            description = "How long an HTTP client has from connecting to send a whole request. "
                    + "Env IOT_EMULATOR_HTTP_REQUEST_TIMEOUT_SECONDS. Default: ${DEFAULT-VALUE}.")
    long httpRequestTimeoutSeconds;

    @Option(names = "--action-endpoint", paramLabel = "SERVICE=URL", split = ",",
            defaultValue = "${env:IOT_EMULATOR_ACTION_ENDPOINTS}",
            description = "Where topic-rule actions reach an AWS service, e.g. dynamodb=http://127.0.0.1:4567 "
                    + "(lambda, dynamodb, sqs, kinesis, s3, firehose, logs, or default for all: a local server such as "
                    + "LocalStack); repeatable or comma-separated. Env IOT_EMULATOR_ACTION_ENDPOINTS.")
    List<String> actionEndpoints;

    private final PrintStream out;
    private final CountDownLatch stopped;

    Main(PrintStream out, CountDownLatch stopped) {
        this.out = out;
        this.stopped = stopped;
    }

    public static void main(String[] args) {
        configureLogging();
        System.exit(run(args, System.out, System.err, new CountDownLatch(1)));
    }

    /** Runs the command line; returns the exit code once the emulator has stopped (or failed to start). */
    static int run(String[] args, PrintStream out, PrintStream err, CountDownLatch stopped) {
        CommandLine cli = new CommandLine(new Main(out, stopped));
        cli.setOut(new java.io.PrintWriter(out, true));
        cli.setErr(new java.io.PrintWriter(err, true));
        cli.setParameterExceptionHandler((e, arguments) -> {
            err.println("iot-emulator: " + FlagErrors.describe(e));
            err.println("Run with --help for every option.");
            return CommandLine.ExitCode.USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof IotEmulatorException) {
                err.println("iot-emulator: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        EmulatorOptions.Builder builder = EmulatorOptions.builder()
                .httpPort(httpPort).mqttPort(mqttPort).bindAddress(bind).region(region).accountId(accountId)
                .configDir(configDir).allowedClockSkew(Duration.ofSeconds(clockSkewSeconds))
                .journalCapacity(journalCapacity).httpsPort(httpsPort).mqttsPort(mqttsPort).dataDir(dataDir)
                .tlsHostNames(tlsHostNames == null ? List.of() : tlsHostNames.stream().map(String::trim)
                        .filter(n -> !n.isEmpty()).toList())
                .adminToken(adminToken == null || adminToken.isBlank() ? null : adminToken)
                .persistence(persistence).maxConnections(maxConnections)
                .actionEndpoints(ActionEndpoints.parse(actionEndpoints))
                .httpRequestTimeout(Duration.ofSeconds(httpRequestTimeoutSeconds));
        if (anonymousTcpLogin != null) {
            builder.anonymousTcpLogin(anonymousTcpLogin);
        }
        EmulatorOptions options = builder.build();
        IotEmulator emulator = IotEmulator.start(options);
        StopOnSignal.install(emulator, stopped);
        out.print(Banner.render(emulator));
        out.flush();
        stopped.await();
        return 0;
    }

    private static void configureLogging() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.log.io.moquette", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"iot-emulator " + IotEmulator.version()};
        }
    }

    /** {@code health}: exits 0 when a running emulator answers its health route; used by the Docker HEALTHCHECK. */
    @Command(name = "health", description = "Checks a running emulator's health route; exit code 0 when healthy.")
    static final class Health implements Callable<Integer> {
        @Option(names = "--http-port", defaultValue = "${env:IOT_EMULATOR_HTTP_PORT:-8080}")
        int httpPort;

        @Option(names = "--host", defaultValue = "127.0.0.1")
        String host;

        @Override
        public Integer call() {
            try {
                HttpResponse<String> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                        .send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort
                                        + "/__emulator/health")).timeout(Duration.ofSeconds(3)).build(),
                                HttpResponse.BodyHandlers.ofString());
                System.out.println(response.body());
                return response.statusCode() == 200 ? 0 : 1;
            } catch (Exception e) {
                System.err.println("iot-emulator is not healthy at " + host + ":" + httpPort + ": " + e);
                return 1;
            }
        }
    }
}
