package dev.iotemulator.internal.core;

import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.HeaderSignatureVerifier;
import dev.iotemulator.internal.auth.PresignedUrlVerifier;
import dev.iotemulator.internal.authz.Authorizer;
import dev.iotemulator.internal.broker.BrokerBacklog;
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
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.session.DropCounters;
import dev.iotemulator.internal.session.FlowControl;
import dev.iotemulator.internal.session.SessionContext;
import dev.iotemulator.internal.session.SessionLimits;
import dev.iotemulator.internal.session.SessionRegistry;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.shadow.Shadows;
import dev.iotemulator.internal.tls.DeviceCertificates;
import dev.iotemulator.internal.tls.TlsSetup;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

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
    private final PublishPipeline pipeline;
    private final ShadowService shadows;
    private final SessionRegistry sessions;
    private final ConnectionContext connections;
    private final DataPlane dataPlane;
    private final BrowserConfig browser;
    private final CompletableFuture<TlsSetup> tls;
    private final EmulatorAdmin admin;
    private final Clock clock;

    /**
     * @param policies the IoT policies attached to each access key id; keys without an entry are not subject to IoT
     *     policies
     * @param poolPolicies the unauthenticated-role policies of each Cognito identity pool that has any
     * @param tls the TLS set-up, possibly still in progress; null when TLS is off
     * @param policyNamed the policy of each name that certificates may have attached (null when unknown)
     */
    public Core(GatewaySettings settings, CredentialStore credentials, Map<String, List<PolicyDocument>> policies,
            Map<String, List<PolicyDocument>> poolPolicies, BrowserConfig browser, Journal journal,
            CompletableFuture<TlsSetup> tls, Function<String, PolicyDocument> policyNamed, EmbeddedBroker broker,
            Clock clock) {
        this.settings = settings;
        this.credentials = credentials;
        this.browser = browser;
        this.journal = journal;
        this.tls = tls;
        this.clock = clock;
        this.retained = new RetainedStore(clock);
        this.verifier = new PresignedUrlVerifier(credentials, settings.region(), settings.allowedClockSkew(), clock);
        this.authorizer = new Authorizer(new Arns(settings.region(), settings.accountId()), policies, poolPolicies,
                credentials, () -> TlsSetup.certificatesIfReady(tls), policyNamed);
        authorizer.denials().onDenial(d -> journal.denial(d.clientId(), d.principal(), d.action(), d.resource(),
                d.consequence()));
        this.pipeline = new PublishPipeline(settings.limits(), journal, new ReservedTopicServices(), retained,
                broker::publish, clock);
        this.shadows = new ShadowService(new Shadows(clock), (topic, payload) -> pipeline.publishAsService(topic,
                payload, 1));
        pipeline.services().register(new ShadowRequests(shadows));
        FlowControl flow = new FlowControl();
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
        DropCounters drops = new DropCounters();
        this.sessions = new SessionRegistry(new SessionContext(broker, journal, retained, flow, drops,
                SessionLimits.defaults(), PERSISTENT_SESSION_EXPIRY));
        this.connections = new ConnectionContext(settings.limits(), settings.accountId(), credentials, authorizer,
                this::certificates, pipeline, sessions, new Lifecycle(clock, pipeline), journal, flow, drops,
                new ClientPacketRules(settings.limits()));
        this.dataPlane = new DataPlane(new DataPlaneServices(shadows, retained, pipeline, authorizer::denyHttp,
                authorizer.arns()), new HeaderSignatureVerifier(credentials, settings.region(),
                settings.allowedClockSkew(), clock));
        this.admin = new EmulatorAdmin(sessions, journal, retained, shadows.shadows(), pipeline, flow, drops);
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

    public Clock clock() {
        return clock;
    }
}
