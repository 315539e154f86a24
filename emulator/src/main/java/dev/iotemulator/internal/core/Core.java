package dev.iotemulator.internal.core;

import dev.iotemulator.internal.admin.ControlPlaneAdmin;
import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.PresignedUrlVerifier;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.broker.BrokerBacklog;
import dev.iotemulator.internal.broker.BrokerHealth;
import dev.iotemulator.internal.broker.EmbeddedBroker;
import dev.iotemulator.internal.config.BrowserConfig;
import dev.iotemulator.internal.connection.ClientPacketRules;
import dev.iotemulator.internal.connection.ConnectionContext;
import dev.iotemulator.internal.connection.Lifecycle;
import dev.iotemulator.internal.dataplane.DataPlane;
import dev.iotemulator.internal.dataplane.DataPlaneServices;
import dev.iotemulator.internal.gateway.GatewaySettings;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.mqtt.RetainedStore;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.ReservedTopicService;
import dev.iotemulator.internal.pipeline.ReservedTopicServices;
import dev.iotemulator.internal.authz.TestAuthorizationApi;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.EndpointApi;
import dev.iotemulator.internal.registry.CertificatesApi;
import dev.iotemulator.internal.registry.PoliciesApi;
import dev.iotemulator.internal.jobs.EventConfigurations;
import dev.iotemulator.internal.jobs.Jobs;
import dev.iotemulator.internal.jobs.JobsApi;
import dev.iotemulator.internal.jobs.JobsDataApi;
import dev.iotemulator.internal.jobs.JobsMqtt;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import dev.iotemulator.internal.registry.Certificate;
import dev.iotemulator.internal.provisioning.FleetProvisioning;
import dev.iotemulator.internal.provisioning.ProvisioningTemplates;
import dev.iotemulator.internal.registry.Documents;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.registry.RegistryEvent;
import dev.iotemulator.internal.registry.ThingGroupsApi;
import dev.iotemulator.internal.registry.ThingTypesApi;
import dev.iotemulator.internal.registry.ThingsApi;
import dev.iotemulator.internal.tls.CaIssuer;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.refusals.RefusalLog;
import dev.iotemulator.internal.rules.RulesEngine;
import dev.iotemulator.internal.rules.RulesModule;
import dev.iotemulator.internal.rules.TopicRules;
import dev.iotemulator.internal.rules.TopicRulesApi;
import dev.iotemulator.internal.session.DropCounters;
import dev.iotemulator.internal.session.FlowControl;
import dev.iotemulator.internal.session.SessionContext;
import dev.iotemulator.internal.session.SessionLimits;
import dev.iotemulator.internal.session.SessionRegistry;
import dev.iotemulator.internal.session.QueueBudget;
import dev.iotemulator.internal.session.SessionStore;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.shadow.Shadows;
import dev.iotemulator.internal.store.DocumentStore;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.TlsSetup;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's parts wired together, without its listeners: the publish pipeline and the services on it, the
 * sessions, the authorizer, the data plane. {@code IotEmulator} owns one and hands it to the gateway; the admin
 * routes and the in-process API both work through its {@link #admin()}.
 */
public final class Core {

    /** AWS IoT's default persistent-session expiry. */
    public static final Duration PERSISTENT_SESSION_EXPIRY = Duration.ofHours(1);

    private final GatewaySettings settings;
    private final CredentialStore credentials;
    private final PresignedUrlVerifier verifier;
    private final Authorizer authorizer;
    private final Journal journal;
    private final RetainedStore retained;
    private final DocumentStore store;
    private final EmbeddedBroker broker;
    private final RefusalLog refusals;
    private final PublishPipeline pipeline;
    private final ShadowService shadows;
    private final SessionRegistry sessions;
    private final ConnectionContext connections;
    private final DataPlane dataPlane;
    private final ControlPlane controlPlane;
    private final ControlPlaneAdmin controlPlaneAdmin;
    private final EventConfigurations events;
    private final Jobs jobs;
    private final ScheduledExecutorService timers;
    private final Registry registry;
    private final BrowserConfig browser;
    private final CompletableFuture<TlsSetup> tls;
    private final EmulatorAdmin admin;
    private final RulesModule rules;
    private final Clock clock;

    /**
     * @param policies the names of the IoT policies attached to each access key id; keys without an entry are not
     *     subject to IoT policies
     * @param poolPolicies the unauthenticated-role policies of each Cognito identity pool that has any
     * @param tls the TLS set-up, possibly still in progress; null when TLS is off
     * @param registry things, policies and certificates, which the control plane and the authorizer share
     * @param actionEndpoints where topic-rule actions reach each AWS service
     * @param store where shadows, retained messages, persistent sessions, the registry and jobs are kept
     */
    public Core(GatewaySettings settings, CredentialStore credentials, Map<String, List<String>> policies,
            Map<String, List<PolicyDocument>> poolPolicies, BrowserConfig browser, Journal journal,
            CompletableFuture<TlsSetup> tls, Registry registry, EmbeddedBroker broker,
            Map<String, URI> actionEndpoints, Clock clock, DocumentStore store) {
        this.store = store;
        this.broker = broker;
        this.retained = new RetainedStore(store, clock);
        this.settings = settings;
        this.credentials = credentials;
        this.browser = browser;
        this.journal = journal;
        this.tls = tls;
        this.clock = clock;
        this.refusals = new RefusalLog(clock);
        this.verifier = new PresignedUrlVerifier(credentials, settings.region(), settings.allowedClockSkew(), clock);
        this.registry = registry;
        this.authorizer = new Authorizer(policies, poolPolicies, credentials, registry);
        authorizer.denials().listen(d -> journal.denial(d.clientId(), d.principal(), d.action(), d.resource(),
                d.consequence()));
        this.pipeline = new PublishPipeline(settings.limits(), journal, new ReservedTopicServices(), retained,
                broker::publish, clock);
        this.shadows = new ShadowService(new Shadows(clock, store), (topic, payload) -> pipeline.publishAsService(topic,
                payload, 1));
        pipeline.services().register(new ShadowRequests(shadows));
        FlowControl flow = new FlowControl();
        this.rules = new RulesModule(pipeline, shadows.shadows(), actionEndpoints, settings.region(),
                settings.accountId(), credentials.defaultCredential(), new RulesEngine.Backlog() {
                    @Override
                    public void congested() {
                        flow.enter();
                    }

                    @Override
                    public void cleared() {
                        flow.leave();
                    }
                }, clock);
        broker.backlog().listen(new BrokerBacklog.Listener() {
            @Override
            public void congested() {
                flow.enter();
            }

            @Override
            public void cleared() {
                flow.leave();
            }
        });
        DropCounters drops = new DropCounters(journal);
        this.sessions = new SessionRegistry(new SessionContext(broker, journal, retained, flow, drops,
                SessionLimits.defaults(), PERSISTENT_SESSION_EXPIRY, new SessionStore(store),
                QueueBudget.ofHeap()));
        this.connections = new ConnectionContext(settings.limits(), settings.accountId(), credentials, authorizer,
                this::certificates, pipeline, sessions, new Lifecycle(clock, pipeline), journal, flow, drops,
                new ClientPacketRules(settings.limits()), settings.anonymousTcpLogin(), refusals);
        HeaderSignatureVerifier headerSignatures = new HeaderSignatureVerifier(credentials, settings.region(),
                settings.allowedClockSkew(), clock);
        this.dataPlane = new DataPlane(new DataPlaneServices(shadows, retained, pipeline, authorizer::denyHttp,
                authorizer.arns()), headerSignatures, refusals);
        Documents documents = new Documents(store);
        this.events = new EventConfigurations(clock, documents);
        Jobs.Outbox outbox = (topic, payload) -> pipeline.publishAsService(topic,
                payload.toString().getBytes(StandardCharsets.UTF_8), 1);
        this.jobs = new Jobs(registry, clock, outbox, events, documents);
        pipeline.services().register(new JobsMqtt(jobs, outbox));
        registry.listen(event -> {
            if (event instanceof RegistryEvent.ThingAddedToGroup added) {
                jobs.thingAddedToGroup(added.thingName());
            } else if (event instanceof RegistryEvent.ThingRemovedFromGroup removed) {
                jobs.thingRemovedFromGroup(removed.thingName());
            }
        });
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "iot-jobs-timers");
            t.setDaemon(true);
            return t;
        });
        timers.scheduleWithFixedDelay(jobs::expireTimers, 1, 1, TimeUnit.SECONDS);
        CaIssuer issuer = new CaIssuer(tls);
        ProvisioningTemplates templates = new ProvisioningTemplates(registry.arns(), clock, documents);
        pipeline.services().register(new FleetProvisioning(registry, issuer, templates, outbox::publish, timers,
                clock));
        this.controlPlaneAdmin = new ControlPlaneAdmin(registry, jobs, issuer);
        this.controlPlane = new ControlPlane(headerSignatures, List.of(
                new EndpointApi(),
                new ThingsApi(registry),
                new ThingTypesApi(registry),
                new ThingGroupsApi(registry),
                new PoliciesApi(registry),
                new CertificatesApi(registry, issuer),
                new TestAuthorizationApi(authorizer, registry),
                events,
                new JobsApi(jobs),
                new TopicRulesApi(rules.rules(), authorizer.arns()),
                new JobsDataApi(jobs, authorizer::denyHttp),
                templates));
        this.admin = new EmulatorAdmin(sessions, journal, retained, shadows.shadows(), pipeline, flow, drops,
                rules.rules());
        registry.listen(event -> {
            // AWS disconnects devices a few minutes after their certificate leaves ACTIVE; the emulator at once.
            if (event instanceof RegistryEvent.CertificateChanged changed
                    && changed.status() != Certificate.Status.ACTIVE) {
                admin.disconnectPrincipal(changed.certificateId(), DisconnectReason.AUTH_ERROR);
            }
        });
    }

    /** The Device Shadow service on its request topics: it answers, and the request still reaches subscribers. */
    private record ShadowRequests(ShadowService shadows) implements ReservedTopicService {
        @Override
        public boolean serves(String topic) {
            return ShadowService.isRequestTopic(topic);
        }

        @Override
        public boolean handle(Publish publish) {
            shadows.onMqttPublish(publish.topic(), publish.payload());
            return false;
        }
    }

    /** The device certificates, or null while TLS is being set up or when it is off. */
    public DeviceCertificates certificates() {
        return TlsSetup.certificatesIfReady(tls);
    }

    public GatewaySettings settings() {
        return settings;
    }

    public CredentialStore credentials() {
        return credentials;
    }

    public PresignedUrlVerifier verifier() {
        return verifier;
    }

    public Authorizer authorizer() {
        return authorizer;
    }

    public Journal journal() {
        return journal;
    }

    /** SigV4 refusals, failed TLS handshakes, refused CONNECTs and protocol errors; policy denials are the authorizer's. */
    public RefusalLog refusals() {
        return refusals;
    }

    public RetainedStore retained() {
        return retained;
    }

    public PublishPipeline pipeline() {
        return pipeline;
    }

    public ShadowService shadows() {
        return shadows;
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public ConnectionContext connections() {
        return connections;
    }

    public DataPlane dataPlane() {
        return dataPlane;
    }

    /** AWS IoT's control plane and the Jobs data plane: every REST-JSON operation signed for {@code iot}. */
    public ControlPlane controlPlane() {
        return controlPlane;
    }

    /** The control-plane shortcuts of the admin API and {@code IotEmulator}. */
    public ControlPlaneAdmin controlPlaneAdmin() {
        return controlPlaneAdmin;
    }

    /** AWS IoT Jobs: jobs and their executions. */
    public Jobs jobs() {
        return jobs;
    }

    /** Stops the Jobs timers and the rules engine (its threads and AWS SDK clients); the emulator is closing. */
    public void close() {
        timers.shutdownNow();
        rules.close();
    }

    /** Things, policies, certificates and what is attached to what. */
    public Registry registry() {
        return registry;
    }

    public BrowserConfig browser() {
        return browser;
    }

    /** The TLS set-up, possibly in progress; null when TLS is off. */
    public CompletableFuture<TlsSetup> tls() {
        return tls;
    }

    public EmulatorAdmin admin() {
        return admin;
    }

    /** The topic rules and what they did. */
    public TopicRules rules() {
        return rules.rules();
    }

    public Clock clock() {
        return clock;
    }

    /** Whether the embedded broker can route messages; what the health route reports. */
    public BrokerHealth brokerHealth() {
        return broker.health();
    }

    /** The durable state: shadows, retained messages, persistent sessions, certificate status. */
    public DocumentStore store() {
        return store;
    }
}
