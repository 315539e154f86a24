package dev.iotemulator.internal.authz;

import dev.iotemulator.internal.auth.CredentialStore;
import dev.iotemulator.internal.auth.IssuedCredential;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyRequest;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.RequestContext;
import dev.iotemulator.internal.tls.CertificateVariables;
import dev.iotemulator.internal.tls.DeviceCertificates;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which IoT policies apply to which principal, and the record of every denial. Hands each connection a
 * {@link ConnectionPolicy} and answers the admin route's "would this be allowed?" questions.
 *
 * <p>A principal configured without a {@code policies} field is not subject to IoT policies at all; one with an
 * empty list is denied everything, as at AWS.
 */
public final class Authorizer {

    private final Arns arns;
    private final Map<String, List<PolicyDocument>> byAccessKeyId;
    private final Map<String, List<PolicyDocument>> byIdentityPool;
    private final CredentialStore credentials;
    private final Supplier<DeviceCertificates> certificates;
    private final Function<String, PolicyDocument> policyNamed;
    private final DenialLog denials = new DenialLog();

    /**
     * @param byAccessKeyId the policies attached to each access key id that has any configured
     * @param byIdentityPool the unauthenticated-role policies of each Cognito identity pool that has any configured;
     *     they apply to the credentials issued to the pool's identities
     */
    public Authorizer(Arns arns, Map<String, List<PolicyDocument>> byAccessKeyId,
            Map<String, List<PolicyDocument>> byIdentityPool, CredentialStore credentials) {
        this(arns, byAccessKeyId, byIdentityPool, credentials, () -> null, name -> null);
    }

    /**
     * @param certificates the registered X.509 certificates, or a supplier of null when there are none (yet)
     * @param policyNamed the policy document of each policy name certificates may have attached, or null
     */
    public Authorizer(Arns arns, Map<String, List<PolicyDocument>> byAccessKeyId,
            Map<String, List<PolicyDocument>> byIdentityPool, CredentialStore credentials,
            Supplier<DeviceCertificates> certificates, Function<String, PolicyDocument> policyNamed) {
        this.certificates = certificates;
        this.policyNamed = policyNamed;
        this.arns = arns;
        this.byAccessKeyId = Map.copyOf(byAccessKeyId);
        this.byIdentityPool = Map.copyOf(byIdentityPool);
        this.credentials = credentials;
    }

    /**
     * Empty when the principal is not subject to IoT policies. A certificate always is: without attached policies it
     * may do nothing, as at AWS.
     */
    public Optional<List<PolicyDocument>> policiesOf(String principal) {
        Optional<DeviceCertificates.Registered> certificate = certificate(principal);
        if (certificate.isPresent()) {
            return Optional.of(certificate.get().policies().stream().map(policyNamed).filter(p -> p != null)
                    .toList());
        }
        Optional<IssuedCredential> issued = credentials.issued(principal);
        if (issued.isPresent()) {
            return Optional.ofNullable(byIdentityPool.get(issued.get().identityPoolId()));
        }
        return Optional.ofNullable(byAccessKeyId.get(principal));
    }

    public ConnectionPolicy forConnection(ConnectionIdentity identity, String clientId, SocketAddress remote) {
        String principal = identity.principal();
        return new ConnectionPolicy(principal, clientId, policiesOf(principal).orElse(null),
                context(principal, clientId, sourceIp(remote)), arns, denials);
    }

    /**
     * The policy variables of a request: client id, source IP and, for Cognito identities, the identity id; for a
     * certificate, its {@code iot:Certificate.*} variables and the thing named by the client id.
     */
    public RequestContext context(String principal, String clientId, String sourceIp) {
        RequestContext.Builder builder = RequestContext.builder().clientId(clientId).sourceIp(sourceIp);
        credentials.issued(principal).ifPresent(issued -> builder.cognitoIdentityId(issued.identityId()));
        certificate(principal).ifPresent(certificate -> {
            CertificateVariables.of(certificate.certificate()).forEach(builder::putAll);
            if (clientId != null && certificates.get().knownThings().contains(clientId)) {
                builder.thingName(clientId).thingAttached(certificate.things().contains(clientId));
            }
        });
        return builder.build();
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

    private Optional<DeviceCertificates.Registered> certificate(String principal) {
        DeviceCertificates registry = principal.length() != 64 ? null : certificates.get();
        return registry == null ? Optional.empty() : registry.find(principal);
    }

    /** Whether a certificate may have the policy {@code name} attached: whether the configuration has it. */
    public boolean policyExists(String name) {
        try {
            return policyNamed.apply(name) != null;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Every policy something has attached, sorted by name: access keys, Cognito identity pools' roles, and
     * certificates. A policy file nothing attaches is not listed.
     */
    public List<PolicyDocument> attachedPolicies() {
        Map<String, PolicyDocument> byName = new TreeMap<>();
        byAccessKeyId.values().forEach(list -> list.forEach(p -> byName.putIfAbsent(p.name(), p)));
        byIdentityPool.values().forEach(list -> list.forEach(p -> byName.putIfAbsent(p.name(), p)));
        DeviceCertificates registry = certificates.get();
        if (registry != null) {
            registry.all().forEach(c -> c.policies().forEach(name -> {
                PolicyDocument document = policyNamed.apply(name);
                if (document != null) {
                    byName.putIfAbsent(name, document);
                }
            }));
        }
        return List.copyOf(byName.values());
    }

    public Arns arns() {
        return arns;
    }

    public DenialLog denials() {
        return denials;
    }

    private static String sourceIp(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
    }
}
