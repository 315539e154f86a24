package dev.iotemulator.internal.authz;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.IssuedCredential;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyRequest;
import dev.iotemulator.internal.policy.RequestContext;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.registry.Thing;
import dev.iotemulator.internal.tls.CertificateVariables;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which IoT policies apply to which principal, read from the {@link Registry} on every decision (cached per connection
 * until the registry changes), and the record of every denial. Hands each connection a {@link ConnectionPolicy} and
 * answers the "would this be allowed?" questions of the admin route and TestAuthorization.
 *
 * <p>A certificate gets the policies attached to it and, when its client id names a thing it is attached to, those
 * attached to that thing's groups and their ancestors (AWS IoT Developer Guide, "Thing group policies"). An access key
 * of {@code credentials.json} gets the policies its {@code policies} field names, in their registry version (so a new
 * default version applies); one without the field is not subject to IoT policies at all, one with an empty list is
 * denied everything, as at AWS.
 */
public final class Authorizer {

    private final Arns arns;
    private final Map<String, List<String>> namesByAccessKeyId;
    private final Map<String, List<PolicyDocument>> byIdentityPool;
    private final CredentialStore credentials;
    private final Registry registry;
    private final DenialLog denials = new DenialLog();

    /**
     * @param namesByAccessKeyId the names of the policies attached to each access key id that has any configured
     * @param byIdentityPool the unauthenticated-role policies of each Cognito identity pool that has any configured;
     *     they apply to the credentials issued to the pool's identities
     */
    public Authorizer(Map<String, List<String>> namesByAccessKeyId, Map<String, List<PolicyDocument>> byIdentityPool,
            CredentialStore credentials, Registry registry) {
        this.arns = registry.arns();
        this.namesByAccessKeyId = Map.copyOf(namesByAccessKeyId);
        this.byIdentityPool = Map.copyOf(byIdentityPool);
        this.credentials = credentials;
        this.registry = registry;
    }

    /**
     * Empty when the principal is not subject to IoT policies. A certificate always is: without attached policies it
     * may do nothing, as at AWS.
     */
    public Optional<List<PolicyDocument>> policiesOf(String principal) {
        return policiesOf(principal, null);
    }

    /** {@link #policiesOf(String)} for a connection with {@code clientId}, which may bring thing group policies. */
    public Optional<List<PolicyDocument>> policiesOf(String principal, String clientId) {
        if (isCertificate(principal)) {
            return Optional.of(documents(certificatePolicyNames(principal, clientId)));
        }
        Optional<IssuedCredential> issued = credentials.issued(principal);
        if (issued.isPresent()) {
            List<PolicyDocument> role = byIdentityPool.get(issued.get().identityPoolId());
            List<String> attached = registry.attachments().policiesOf(issued.get().identityId());
            if (attached.isEmpty()) {
                return Optional.ofNullable(role);
            }
            List<PolicyDocument> all = new ArrayList<>(role == null ? List.of() : role);
            all.addAll(documents(attached));
            return Optional.of(all);
        }
        List<String> names = namesByAccessKeyId.get(principal);
        return names == null ? Optional.empty() : Optional.of(documents(names));
    }

    /**
     * The names of the policies of a certificate connecting with {@code clientId}: those attached to it and, when the
     * client id names a thing it is attached to, those of the thing's groups.
     */
    public List<String> certificatePolicyNames(String certificateId, String clientId) {
        String arn = arns.certificate(certificateId);
        Set<String> names = new LinkedHashSet<>(registry.attachments().policiesOf(arn));
        if (clientId != null && registry.attachments().thingsOf(arn).contains(clientId)) {
            for (String group : registry.thingGroups().groupsOf(clientId)) {
                names.addAll(registry.attachments().policiesOf(arns.thingGroup(group)));
            }
        }
        return List.copyOf(names);
    }

    public ConnectionPolicy forConnection(ConnectionIdentity identity, String clientId, SocketAddress remote) {
        String principal = identity.principal();
        String sourceIp = sourceIp(remote);
        return new ConnectionPolicy(principal, clientId, registry::version,
                () -> new ConnectionPolicy.Resolved(policiesOf(principal, clientId).orElse(null),
                        context(principal, clientId, sourceIp)), arns, denials);
    }

    /**
     * The policy variables of a request: client id, source IP and, for Cognito identities, the identity id; for a
     * certificate, its {@code iot:Certificate.*} variables and, when the client id names a thing of the registry, the
     * {@code iot:Connection.Thing.*} variables of that thing.
     */
    public RequestContext context(String principal, String clientId, String sourceIp) {
        RequestContext.Builder builder = RequestContext.builder().clientId(clientId).sourceIp(sourceIp);
        credentials.issued(principal).ifPresent(issued -> builder.cognitoIdentityId(issued.identityId()));
        if (isCertificate(principal)) {
            X509Certificate x509 = registry.certificates().x509(principal);
            if (x509 != null) {
                CertificateVariables.of(x509).forEach(builder::putAll);
            }
            Optional<Thing> thing = clientId == null ? Optional.empty() : registry.things().find(clientId);
            thing.ifPresent(t -> thingVariables(builder, t, registry.attachments()
                    .thingsOf(arns.certificate(principal)).contains(t.name())));
        }
        return builder.build();
    }

    private static void thingVariables(RequestContext.Builder builder, Thing thing, boolean attached) {
        builder.thingName(thing.name()).thingAttached(attached);
        builder.put(RequestContext.THING_TYPE_NAME, thing.typeName());
        thing.attributes().forEach((name, value) -> builder.put(RequestContext.thingAttribute(name), value));
    }

    /**
     * The IoT policy decision for one HTTP request; empty when allowed (or the principal is not subject to IoT
     * policies), otherwise why not. A denial is recorded like an MQTT one.
     */
    public Optional<String> denyHttp(String principal, String action, String resource, String sourceIp) {
        Optional<List<PolicyDocument>> policies = policiesOf(principal);
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        Decision decision;
        try {
            decision = PolicyEvaluator.evaluate(new PolicyRequest(action, resource, context(principal, null, sourceIp)),
                    policies.get());
        } catch (RuntimeException e) {
            decision = new Decision.ImplicitlyDenied(List.of("policy evaluation failed, denying: " + e));
        }
        if (decision.allowed()) {
            return Optional.empty();
        }
        denials.record(new DenialLog.Denial(action, resource, principal, null, decision, "http_403"));
        return Optional.of(decision.reason());
    }

    /** Whether a policy of this name exists in the registry. */
    public boolean policyExists(String name) {
        return registry.policies().find(name).isPresent();
    }

    /**
     * Every policy something has attached, sorted by name: access keys, Cognito identity pools' roles, and registry
     * targets (certificates, identities, thing groups). A policy nothing attaches is not listed.
     */
    public List<PolicyDocument> attachedPolicies() {
        Map<String, PolicyDocument> byName = new TreeMap<>();
        namesByAccessKeyId.values().forEach(names -> documents(names).forEach(p -> byName.putIfAbsent(p.name(), p)));
        byIdentityPool.values().forEach(list -> list.forEach(p -> byName.putIfAbsent(p.name(), p)));
        registry.attachments().policyTargets().values()
                .forEach(names -> documents(names).forEach(p -> byName.putIfAbsent(p.name(), p)));
        return List.copyOf(byName.values());
    }

    public Arns arns() {
        return arns;
    }

    public DenialLog denials() {
        return denials;
    }

    private boolean isCertificate(String principal) {
        return principal != null && principal.length() == 64 && registry.certificates().find(principal).isPresent();
    }

    /** The enforced documents of the named policies; names without a policy are left out. */
    public List<PolicyDocument> documents(java.util.Collection<String> names) {
        return names.stream().map(registry.policies()::enforced).filter(Objects::nonNull).toList();
    }

    private static String sourceIp(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
    }
}
