package dev.iotemulator.internal.authz;

import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.policy.Decision;
import dev.iotemulator.internal.policy.PolicyDocument;
import dev.iotemulator.internal.policy.PolicyEvaluator;
import dev.iotemulator.internal.policy.PolicyRequest;
import dev.iotemulator.internal.policy.RequestContext;
import dev.iotemulator.internal.pipeline.ReceivePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The IoT policy decisions for one MQTT connection, at the four points AWS IoT checks them (AWS IoT Developer
 * Guide "AWS IoT Core policy actions", "Authorization"): CONNECT, PUBLISH, SUBSCRIBE and every delivery. Each
 * method answers whether the packet may proceed; a denial is recorded and logged once by the {@link DenialLog}.
 * Nothing here throws: a failed evaluation is a denial.
 */
public final class ConnectionPolicy implements ReceivePermission {

    public static final String CLOSED_WITHOUT_CONNACK = "connection_closed_without_connack";
    public static final String DISCONNECTED = "disconnected";
    public static final String NOT_DELIVERED = "not_delivered";
    /** MQTT 5: the CONNACK, PUBACK or SUBACK carries reason code 0x87 (Not authorized). */
    public static final String REFUSED_0X87 = "refused_with_reason_code_0x87";
    /** MQTT 5 QoS 0: the message is dropped, the connection stays. */
    public static final String DROPPED = "dropped";

    /**
     * What the decisions of a connection depend on, as of one registry version.
     *
     * @param policies the policies that apply, or {@code null} when the principal is not subject to IoT policies
     * @param context the policy variables of the connection
     */
    record Resolved(List<PolicyDocument> policies, RequestContext context) {
    }

    private final String principal;
    private final String clientId;
    private final LongSupplier registryVersion;
    private final Supplier<Resolved> resolver;
    private final Arns arns;
    private final DenialLog denials;
    private volatile Cached cached;

    private record Cached(long version, Resolved resolved) {
    }

    /**
     * @param registryVersion the registry's change count: what {@code resolver} answers is reused until it moves, so
     *     a policy attached, detached or changed through the API applies from the next packet on
     */
    ConnectionPolicy(String principal, String clientId, LongSupplier registryVersion, Supplier<Resolved> resolver,
            Arns arns, DenialLog denials) {
        this.principal = principal;
        this.clientId = clientId;
        this.registryVersion = registryVersion;
        this.resolver = resolver;
        this.arns = arns;
        this.denials = denials;
    }

    private Resolved resolved() {
        long version = registryVersion.getAsLong();
        Cached current = cached;
        if (current == null || current.version() != version) {
            current = new Cached(version, resolver.get());
            cached = current;
        }
        return current.resolved();
    }

    /** {@code iot:Connect} on the client id, then the last will: {@code iot:Publish} and, if retained, RetainPublish. */
    public boolean mayConnect(boolean cleanSession, String willTopic, boolean willRetain) {
        return mayConnect(cleanSession, willTopic, willRetain, CLOSED_WITHOUT_CONNACK);
    }

    /** @param consequence what the client gets when denied, for the denial log */
    public boolean mayConnect(boolean cleanSession, String willTopic, boolean willRetain, String consequence) {
        Resolved now = resolved();
        if (now.policies() == null) {
            return true;
        }
        List<String> attributes = new ArrayList<>(2);
        if (!cleanSession) {
            attributes.add("PersistentConnect");
        }
        if (willTopic != null) {
            attributes.add("LastWill");
        }
        RequestContext context = now.context();
        RequestContext connect = context.toBuilder()
                .connectAttributes(attributes.toArray(String[]::new))
                .lastWillTopic(willTopic == null ? null : arns.topic(willTopic))
                .build();
        return check("iot:Connect", arns.client(clientId), now, connect, consequence)
                && (willTopic == null || check("iot:Publish", arns.topic(willTopic), now, context, consequence)
                && (!willRetain || check("iot:RetainPublish", arns.topic(willTopic), now, context, consequence)));
    }

    /** {@code iot:Publish} on the topic, and {@code iot:RetainPublish} too when the RETAIN flag is set. */
    public boolean mayPublish(String topic, boolean retain) {
        return mayPublish(topic, retain, DISCONNECTED);
    }

    /** @param consequence what the client gets when denied, for the denial log */
    public boolean mayPublish(String topic, boolean retain, String consequence) {
        Resolved now = resolved();
        return now.policies() == null
                || check("iot:Publish", arns.topic(topic), now, now.context(), consequence)
                && (!retain || check("iot:RetainPublish", arns.topic(topic), now, now.context(), consequence));
    }

    /** {@code iot:Subscribe} on every filter of one SUBSCRIBE, each as a literal {@code topicfilter/} resource. */
    public boolean maySubscribe(List<String> topicFilters) {
        return maySubscribe(topicFilters, DISCONNECTED);
    }

    /**
     * As {@link #maySubscribe(List)}; a shared subscription is checked as the whole filter,
     * {@code topicfilter/$share/<ShareName>/<TopicFilter>}, as in AWS's shared-subscription samples.
     *
     * @param consequence what the client gets when denied, for the denial log
     */
    public boolean maySubscribe(List<String> topicFilters, String consequence) {
        Resolved now = resolved();
        if (now.policies() == null) {
            return true;
        }
        for (String filter : topicFilters) {
            if (!check("iot:Subscribe", arns.topicFilter(filter), now, now.context(), consequence)) {
                return false;
            }
        }
        return true;
    }

    /** {@code iot:Receive} on the topic of one delivery. */
    @Override
    public boolean mayReceive(String topic) {
        Resolved now = resolved();
        return now.policies() == null || check("iot:Receive", arns.topic(topic), now, now.context(), NOT_DELIVERED);
    }

    private boolean check(String action, String resource, Resolved now, RequestContext requestContext,
            String consequence) {
        Decision decision;
        try {
            decision = PolicyEvaluator.evaluate(new PolicyRequest(action, resource, requestContext), now.policies());
        } catch (RuntimeException e) {
            decision = new Decision.ImplicitlyDenied(List.of("policy evaluation failed, denying: " + e));
        }
        if (decision.allowed()) {
            return true;
        }
        denials.record(new DenialLog.Denial(action, resource, principal, clientId, decision, consequence));
        return false;
    }
}
