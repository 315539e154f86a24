package dev.iotemulator;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.broker.EmbeddedBroker;
import dev.iotemulator.internal.config.BindAddress;
import dev.iotemulator.internal.config.BrowserConfig;
import dev.iotemulator.internal.config.BrowserConfigLoader;
import dev.iotemulator.internal.config.ConfigLoader;
import dev.iotemulator.internal.config.EmulatorConfig;
import dev.iotemulator.internal.core.Core;
import dev.iotemulator.internal.rules.RuleDefinitionException;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import dev.iotemulator.internal.gateway.Gateway;
import dev.iotemulator.internal.gateway.GatewaySettings;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.AwsTopics;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.pipeline.Outcome;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import dev.iotemulator.internal.config.CertificatesConfigLoader;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.controlplane.ApiException;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.config.RegistrySeed;
import dev.iotemulator.internal.store.DocumentStore;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.Pem;
import dev.iotemulator.internal.tls.TlsSetup;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local AWS IoT Core endpoint: MQTT over SigV4-presigned WebSockets, plain MQTT/TCP, and HTTP, on this machine.
 *
 * <pre>{@code
 * try (IotEmulator iot = IotEmulator.start(EmulatorOptions.builder().dynamicPorts().build())) {
 *     MqttClient client = new MqttClient(iot.endpoints().presignedWebSocketUri().toString(), "device-1", null);
 *     client.connect();
 *     client.publish("devices/device-1/telemetry", "{}".getBytes(), 1, false);
 *     ReceivedMessage m = iot.awaitMessage("devices/+/telemetry", Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>Closing is idempotent. The embedded broker finishes stopping in the background; {@link #awaitTermination()}
 * waits for it.
 */
public final class IotEmulator implements AutoCloseable, EmulatorControl {

    private static final Logger LOG = LoggerFactory.getLogger(IotEmulator.class);
    private static final Clock CLOCK = Clock.systemUTC();
    private static final String TLS_FAILED = "the TLS set-up failed";

    private static final long ADMIN_WAIT_SECONDS = 10;
    private static final long CLOSE_WAIT_SECONDS = 2;

    private final EmulatorOptions options;
    private final EmulatorConfig config;
    private final Core core;
    private final Gateway gateway;
    private final EventLoopGroup workers;
    private final EmbeddedBroker broker;
    private final Endpoints endpoints;
    private final MessageJournal journal;
    private final CompletableFuture<TlsSetup> tls;
    private final long startupNanos;
    private Thread brokerStop;
    private boolean closed;

    private IotEmulator(EmulatorOptions options, EmulatorConfig config, Core core, Gateway gateway,
            EventLoopGroup workers, EmbeddedBroker broker, Endpoints endpoints, CompletableFuture<TlsSetup> tls,
            long startupNanos) {
        this.tls = tls;
        this.options = options;
        this.config = config;
        this.core = core;
        this.gateway = gateway;
        this.workers = workers;
        this.broker = broker;
        this.endpoints = endpoints;
        this.journal = new MessageJournal(core.journal());
        this.startupNanos = startupNanos;
    }

    /** Starts an emulator with the default options (ports 8080 and 1883 on 127.0.0.1). */
    public static IotEmulator start() {
        return start(EmulatorOptions.defaults());
    }

    /**
     * Starts an emulator and returns once every listener accepts connections.
     *
     * @throws ConfigurationException when the configuration directory is invalid
     * @throws PortInUseException when a port is taken
     */
    public static IotEmulator start(EmulatorOptions options) {
        long t0 = System.nanoTime();
        CompletableFuture<EmbeddedBroker> startingBroker = new CompletableFuture<>();
        Thread brokerStarter = new Thread(() -> {
            try {
                startingBroker.complete(EmbeddedBroker.start(GatewaySettings.maxMqttPacketBytes(
                        options.limits()) + 1024));
            } catch (Throwable e) {
                startingBroker.completeExceptionally(e);
            }
        }, "iot-broker-start");
        brokerStarter.start();
        // The CA and the TLS context take a few hundred milliseconds of CPU on a cold JVM. When a kept CA or
        // configured certificates must be checked before start() returns, they are made meanwhile; otherwise (a CA
        // in memory, as in tests) only once the other listeners are up, and TLS clients that come first wait.
        boolean tlsOn = options.httpsPort() >= 0 || options.mqttsPort() >= 0;
        boolean checkTlsNow = options.dataDir() != null || options.configDir() != null
                && Files.isRegularFile(options.configDir().resolve(CertificatesConfigLoader.FILE));
        CompletableFuture<TlsSetup> startingTls = tlsOn ? new CompletableFuture<>() : null;
        EmbeddedBroker broker = null;
        EventLoopGroup workers = null;
        DocumentStore store = null;
        try {
            store = options.persistence() ? DocumentStore.open(options.dataDir()) : DocumentStore.inMemory();
            Registry registry = new Registry(new Arns(options.region(), options.accountId()), CLOCK, store);
            if (tlsOn && checkTlsNow) {
                TlsSetup.start(startingTls, options.dataDir(), tlsNames(options), registry, CLOCK);
            }
            ConfigLoader loader = new ConfigLoader();
            EmulatorConfig config = options.configDir() == null ? loader.loadEmbeddedDefault()
                    : loader.load(options.configDir());
            CredentialStore credentials = new CredentialStore(config.credentials());
            BrowserConfig browser = loadBrowserConfig(options, credentials);
            GatewaySettings settings = new GatewaySettings(options.bindAddress(), options.httpPort(),
                    options.mqttPort(), options.region(), options.accountId(), options.allowedClockSkew(),
                    options.limits(), options.httpsPort(), options.mqttsPort(), adminToken(options),
                    options.anonymousTcpLogin(), options.tlsHostNames(), connectionLimit(options.maxConnections()),
                    options.httpRequestTimeout());
            logPolicies(config);
            RegistrySeed.policies(registry, loader.policyTexts(config, options.configDir()));
            RegistrySeed.certificates(registry, new CertificatesConfigLoader().load(options.configDir()), store);
            if (startingTls != null && checkTlsNow) {
                // A kept CA can be wrong: find out now, so start() reports it; then the certificates it made before.
                await(startingTls, TLS_FAILED).certificates().loadCreated();
            }
            Map<String, List<PolicyDocument>> poolPolicies = rolePolicies(loader, config, browser);
            broker = await(startingBroker, "the embedded MQTT broker did not start");
            Core core = new Core(settings, credentials, config.attachedPolicies(), poolPolicies, browser,
                    new Journal(options.journalCapacity(), CLOCK), startingTls, registry, broker,
                    options.actionEndpoints(), CLOCK, store);
            try {
                ConfiguredRules.create(core.rules(), options.configDir());
            } catch (RuntimeException e) {
                core.close();
                throw e;
            }
            workers = new NioEventLoopGroup(0, new DefaultThreadFactory("iot-io", true));
            int restored = core.sessions().restore(workers, CLOCK.millis());
            if (restored > 0) {
                LOG.info("event=sessions_restored count={} store=\"{}\"", restored,
                        store.file().map(Object::toString).orElse("memory"));
            }
            Gateway gateway = new Gateway(core, workers);
            gateway.start();
            if (tlsOn && !checkTlsNow) {
                TlsSetup.start(startingTls, null, tlsNames(options), registry, CLOCK);
            }
            return started(options, config, credentials, core, gateway, workers, broker, startingTls, t0);
        } catch (RuntimeException e) {
            if (workers != null) {
                workers.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            }
            if (store != null) {
                store.close();
            }
            EmbeddedBroker toStop = broker != null ? broker : startingBroker.getNow(null);
            if (toStop != null) {
                new Thread(toStop::close, "iot-broker-stop").start();
            } else {
                startingBroker.thenAccept(b -> new Thread(b::close, "iot-broker-stop").start());
            }
            throw e;
        }
    }

    /**
     * The connection limit, lowered when the process may open fewer files than that: each connection is one
     * descriptor, and the emulator needs some of its own (jars, the store, listeners).
     */
    private static int connectionLimit(int wanted) {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            long fits = (unix.getMaxFileDescriptorCount() - 128) * 9 / 10;
            if (fits > 0 && fits < wanted) {
                LOG.info("event=connection_limit_lowered limit={} wanted={} maxFileDescriptors={}", fits, wanted,
                        unix.getMaxFileDescriptorCount());
                return (int) fits;
            }
        }
        return wanted;
    }

    /** The token the admin routes require: the one set, a random one on a non-loopback bind address, or null. */
    private static String adminToken(EmulatorOptions options) {
        if (options.adminToken() != null || BindAddress.isLoopback(options.bindAddress())) {
            return options.adminToken();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The extra names of the server certificate: the configured ones and a specific bind address. */
    private static List<String> tlsNames(EmulatorOptions options) {
        List<String> names = new ArrayList<>(options.tlsHostNames());
        String bind = options.bindAddress();
        if (!BindAddress.isWildcard(bind)) {
            names.add(bind.replace("[", "").replace("]", ""));
        }
        return names;
    }

    /** The policies of each identity pool's unauthenticated role, for the pools that name any. */
    private static Map<String, List<PolicyDocument>> rolePolicies(ConfigLoader loader, EmulatorConfig config,
            BrowserConfig browser) {
        Map<String, PolicyDocument> named = loader.policiesNamed(config, browser.rolePolicyNames(),
                BrowserConfigLoader.FILE + " (unauthenticatedRolePolicies)");
        Map<String, List<PolicyDocument>> byPool = new HashMap<>();
        for (BrowserConfig.IdentityPoolConfig pool : browser.identityPools()) {
            if (pool.unauthenticatedRolePolicies() != null) {
                byPool.put(pool.identityPoolId(), pool.unauthenticatedRolePolicies().stream().map(named::get).toList());
            }
        }
        return byPool;
    }

    private static BrowserConfig loadBrowserConfig(EmulatorOptions options, CredentialStore credentials) {
        BrowserConfigLoader loader = new BrowserConfigLoader();
        BrowserConfig browser = options.configDir() == null ? loader.loadEmbeddedDefault()
                : loader.load(options.configDir());
        for (int i = 0; i < browser.presignIdentities().size(); i++) {
            String name = browser.presignIdentities().get(i).credential();
            if (credentials.findByName(name).isEmpty()) {
                throw new ConfigurationException(BrowserConfigLoader.FILE + ": $.presignIdentities[" + i
                        + "].credential '" + name + "' is not the name of a credentials.json entry; the names are "
                        + credentials.all().stream().map(LocalCredential::name).toList() + ".");
            }
        }
        return browser;
    }

    /**
     * The future's value; its failure as it is when it is a runtime exception, otherwise wrapped with
     * {@code failure} ("the … did not start") in front.
     */
    private static <T> T await(CompletableFuture<T> future, String failure) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re
                    : new IotEmulatorException(failure + ": " + e.getCause(), e.getCause());
        }
    }

    private static IotEmulator started(EmulatorOptions options, EmulatorConfig config, CredentialStore credentials,
            Core core, Gateway gateway, EventLoopGroup workers, EmbeddedBroker broker,
            CompletableFuture<TlsSetup> tls, long t0) {
        LocalCredential first = credentials.defaultCredential();
        String bind = options.bindAddress();
        String host = BindAddress.advertisedHost(bind);
        String tlsHost = BindAddress.isLoopback(bind) || BindAddress.isWildcard(bind) ? "localhost" : host;
        Endpoints endpoints = new Endpoints(host, gateway.httpPort(),
                gateway.mqttPort(), options.region(), options.accountId(),
                new Credentials(first.accessKeyId(), first.secretAccessKey(), first.sessionToken()), CLOCK,
                tlsHost, gateway.httpsPort(), gateway.mqttsPort(),
                tls == null ? null : () -> await(tls, TLS_FAILED).certificates().authority().certificateFile(),
                core.settings().adminToken());
        long elapsed = System.nanoTime() - t0;
        LOG.info("event=started webSocket={} mqtt={} http={} https={} mqtts={} region={} config=\"{}\" startupMs={}",
                endpoints.webSocketUri(), endpoints.mqttUri().map(Object::toString).orElse("off"),
                endpoints.httpUri(), endpoints.httpsUri().map(Object::toString).orElse("off"),
                endpoints.mqttsUri().map(Object::toString).orElse("off"), options.region(), config.source(),
                elapsed / 1_000_000);
        if (tls != null) {
            tls.whenComplete((setup, failure) -> {
                if (failure != null) {
                    LOG.error("event=tls_failed message=\"the TLS listeners cannot serve: {}\"", failure.toString());
                } else {
                    LOG.info("event=tls_ready caCertificate=\"{}\" caFingerprintSha256={} dataDir=\"{}\"",
                            setup.certificates().authority().certificateFile(),
                            setup.certificates().authority().fingerprint(),
                            options.dataDir() == null ? "none (a CA in memory for this process)" : options.dataDir());
                }
            });
        }
        return new IotEmulator(options, config, core, gateway, workers, broker, endpoints, tls, elapsed);
    }

    private static void logPolicies(EmulatorConfig config) {
        config.policies().values().forEach(policy -> policy.warnings().forEach(warning -> LOG.warn(
                "event=policy_warning policy={} source=\"{}\" message=\"{}\"", policy.name(), policy.source(),
                warning)));
        for (LocalCredential credential : config.credentials()) {
            var attached = config.attachedPolicies().get(credential.accessKeyId());
            if (attached == null) {
                LOG.info("event=policies_not_enforced principal={} name={} message=\"this credential has no "
                        + "policies field, so IoT policies are not enforced for it; attach policies from "
                        + "policies/*.json to enforce them\"", credential.accessKeyId(), credential.name());
            } else {
                LOG.debug("event=policies_attached principal={} policies={}", credential.accessKeyId(), attached);
            }
        }
    }

    public Endpoints endpoints() {
        return endpoints;
    }

    public EmulatorOptions options() {
        return options;
    }

    /** Where the configuration came from: a directory, or the embedded default. */
    public String configSource() {
        return config.source();
    }

    /** How many access keys the configuration holds. */
    public int credentialCount() {
        return config.credentials().size();
    }

    /** How long {@link #start} took, in nanoseconds. */
    public long startupNanos() {
        return startupNanos;
    }

    /** The emulator's version, e.g. {@code 0.1.0}. */
    public static String version() {
        try (InputStream in = IotEmulator.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /**
     * What has happened since start or the last {@link #reset()}: connects, disconnects, subscribes, publishes,
     * deliveries and IoT policy denials.
     */
    public MessageJournal journal() {
        return journal;
    }

    /**
     * Waits until a message is published on a topic matching {@code topicFilter} (AWS IoT's matching rules, so
     * {@code a/#} does not match {@code a}) and returns it. A message published before the call, since start or the
     * last {@link #reset()}, counts too.
     *
     * <pre>{@code
     * ReceivedMessage m = iot.awaitMessage("devices/+/telemetry", Duration.ofSeconds(5));
     * }</pre>
     *
     * @throws MessageNotReceivedException on time-out, listing the topics that did receive messages, nearest to
     *     the filter first
     */
    @Override
    public ReceivedMessage awaitMessage(String topicFilter, Duration timeout) {
        return journal.await(m -> AwsTopics.matches(topicFilter, m.topic()),
                "on a topic matching '" + topicFilter + "'", topicFilter, timeout);
    }

    /**
     * Waits until a published message satisfies {@code which} and returns it; messages published since start or the
     * last {@link #reset()} count too.
     * {@code which} may run on an emulator I/O thread: keep it quick and free of side effects.
     *
     * @throws MessageNotReceivedException on time-out, listing the topics that did receive messages, latest first
     */
    @Override
    public ReceivedMessage awaitMessage(Predicate<ReceivedMessage> which, Duration timeout) {
        return journal.await(which, "satisfying the predicate", null, timeout);
    }

    /**
     * Returns the emulator to a clean slate between tests: disconnects every client (lifecycle reason
     * {@code API_INITIATED_DISCONNECT}), then empties the journal, the retained messages, the Device Shadows, the
     * rule executions and the remembered persistent sessions. Keys, policies, topic rules and listeners stay. Same as
     * {@code POST /__emulator/reset}.
     */
    @Override
    public void reset() {
        try {
            core.admin().reset().get(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotEmulatorException("interrupted while resetting the emulator", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IotEmulatorException("the emulator did not reset within 10 s: " + e, e);
        }
    }

    /**
     * Creates an RSA key pair and a device certificate signed by the emulator's CA, registers it as ACTIVE with the
     * given policies, and attaches it to {@code thingName} (may be null): AWS IoT's {@code CreateKeysAndCertificate},
     * {@code AttachPolicy} and {@code AttachThingPrincipal} in one call. Same as {@code POST /__emulator/certificates}.
     *
     * <pre>{@code
     * DeviceCertificate device = iot.createDeviceCertificate("sensor-1", "AllowEverything");
     * }</pre>
     *
     * @throws IotEmulatorException when TLS is off or a policy does not exist
     */
    @Override
    public DeviceCertificate createDeviceCertificate(String thingName, String... policyNames) {
        DeviceCertificates registry = requireCertificates();
        List<String> policies = List.of(policyNames);
        for (String name : policies) {
            if (core.registry().policies().find(name).isEmpty()) {
                throw new IotEmulatorException("No policy named '" + name + "': create it with CreatePolicy, or put "
                        + "it under policies/ in " + config.source() + ", named without .json.");
            }
        }
        DeviceCertificates.Created created = registry.create(policies,
                thingName == null ? List.of() : List.of(thingName), true);
        String id = created.registered().id();
        return new DeviceCertificate(id, new Arns(options.region(), options.accountId()).certificate(id),
                created.registered().pem(), Pem.write(created.keys().getPublic()),
                Pem.write(created.keys().getPrivate()));
    }

    /** Sets a certificate's status, as AWS IoT's {@code UpdateCertificate}; a non-ACTIVE one can no longer connect. */
    @Override
    public void updateCertificateStatus(String certificateId, CertificateStatus status) {
        if (requireCertificates().updateStatus(certificateId, Certificate.Status.valueOf(status.name()))
                .isEmpty()) {
            throw new IotEmulatorException("No certificate " + certificateId + " is registered.");
        }
    }

    @Override
    public DeviceCertificate createThing(String thingName, String policyName, String policyDocument) {
        return controlPlane(() -> core.controlPlaneAdmin().createThing(thingName, policyName, policyDocument));
    }

    @Override
    public void createJob(String jobId, String jobDocument, String... thingNames) {
        controlPlane(() -> {
            core.controlPlaneAdmin().createJob(jobId, jobDocument, thingNames);
            return null;
        });
    }

    @Override
    public String jobExecutionStatus(String jobId, String thingName) {
        return controlPlane(() -> core.controlPlaneAdmin().executionStatus(jobId, thingName));
    }

    /** Runs a control-plane shortcut, its AWS refusal as an IotEmulatorException with AWS's code in front. */
    private static <T> T controlPlane(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw new IotEmulatorException(e.error().code() + ": " + e.getMessage(), e);
        }
    }

    /** The emulator's CA certificate in PEM; see {@link Endpoints#caCertificateFile()}. */
    @Override
    public String caCertificatePem() {
        return requireCertificates().authority().certificatePem();
    }

    @Override
    public List<JournalEntry> journalEntries() {
        return journal.entries();
    }

    @Override
    public List<ConnectedClient> connectedClients() {
        return await(core.admin().connectedClients().orTimeout(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS),
                "the listing of the connected clients failed");
    }

    @Override
    public void disconnect(String clientId, String reason) {
        DisconnectReason known = EmulatorAdmin.reasonNamed(reason)
                .orElseThrow(() -> new IotEmulatorException(EmulatorAdmin.unknownReason(reason)));
        try {
            core.admin().disconnect(clientId, known).get(ADMIN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotEmulatorException("interrupted while disconnecting client '" + clientId + "'", e);
        } catch (ExecutionException e) {
            throw new IotEmulatorException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IotEmulatorException("client '" + clientId + "' was not disconnected within "
                    + ADMIN_WAIT_SECONDS + " s", e);
        }
    }

    /**
     * {@inheritDoc} The message goes through the same pipeline as a client's: journal (source {@code admin}),
     * services, retained store, broker, and each subscriber's {@code iot:Receive}.
     */
    @Override
    public void publish(String topic, byte[] payload, int qos, boolean retain) {
        if (qos != 0 && qos != 1) {
            throw new IotEmulatorException("qos must be 0 or 1 (AWS IoT has no QoS 2), not " + qos + ".");
        }
        if (core.admin().publish(topic, payload == null ? new byte[0] : payload, qos, retain)
                instanceof Outcome.Invalid invalid) {
            throw new IotEmulatorException(invalid.problem());
        }
    }

    /** {@inheritDoc} Same as {@code POST /__emulator/rules/{ruleName}}. */
    @Override
    public void createTopicRule(String ruleName, String topicRulePayload) {
        boolean created;
        try {
            created = core.rules().create(ruleName, ConfiguredRules.json(topicRulePayload));
        } catch (RuleDefinitionException | SqlParseException e) {
            throw new IotEmulatorException("Topic rule " + ruleName + " was refused: " + e.getMessage(), e);
        }
        if (!created) {
            throw new IotEmulatorException("A topic rule named " + ruleName + " exists already.");
        }
    }

    @Override
    public void deleteTopicRule(String ruleName) {
        if (!core.rules().delete(ruleName)) {
            throw new IotEmulatorException("No topic rule named " + ruleName + ".");
        }
    }

    @Override
    public List<RuleExecution> ruleExecutions() {
        return core.rules().executions();
    }

    @Override
    public RuleExecution awaitRuleExecution(Predicate<RuleExecution> which, Duration timeout) {
        RuleExecution found;
        try {
            found = core.rules().await(which, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IotEmulatorException("interrupted while waiting for a rule execution", e);
        }
        if (found == null) {
            List<ReceivedMessage> published = journal.entries().stream()
                    .filter(e -> e.kind() == JournalEntry.Kind.PUBLISH).map(ReceivedMessage::of).toList();
            String latest = published.isEmpty() ? null : published.get(published.size() - 1).topic();
            throw new RuleNotExecutedException(RuleNotExecutedException.explain("satisfying the predicate", timeout,
                    ruleExecutions(), latest == null ? List.of() : ruleNearMisses(latest), latest));
        }
        return found;
    }

    @Override
    public List<String> ruleNearMisses(String topic) {
        return core.rules().nearMisses(topic);
    }

    private DeviceCertificates requireCertificates() {
        if (tls == null) {
            throw new IotEmulatorException("TLS is off (httpsPort and mqttsPort are -1), so the emulator has no "
                    + "certificate authority.");
        }
        return await(tls, TLS_FAILED).certificates();
    }

    /** The embedded broker, for the emulator's own tests. */
    EmbeddedBroker broker() {
        return broker;
    }

    /** Closes every listener and connection now; the embedded broker stops in the background. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        gateway.close();
        core.close();
        // Every client is disconnected and every session's broker link closed before the loops they run on stop;
        // persistent sessions are written to the store on the way.
        core.sessions().closeAll(DisconnectReason.SERVER_INITIATED_DISCONNECT)
                .completeOnTimeout(null, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS).join();
        core.store().close();
        // The broker's threads still finish what the last DISCONNECTs started on the links' loops: those loops stop
        // after the broker.
        brokerStop = new Thread(() -> {
            broker.close();
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }, "iot-broker-stop");
        brokerStop.start();
    }

    /** Waits until the embedded broker has stopped too (about 2 s after {@link #close()}). */
    public void awaitTermination() throws InterruptedException {
        Thread stopping;
        synchronized (this) {
            stopping = brokerStop;
        }
        if (stopping != null) {
            stopping.join();
        }
    }
}
