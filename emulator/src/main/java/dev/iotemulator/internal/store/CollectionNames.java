package dev.iotemulator.internal.store;

import java.util.regex.Pattern;

/**
 * The collections the emulator keeps, and the rule for new ones: {@code <feature>.<name>}, lower case, so that each
 * feature's documents are apart from every other's.
 */
public final class CollectionNames {

    /** Device Shadow documents by {@code <thing>/<shadow name>} ({@code ""} for the classic shadow). */
    public static final String SHADOWS = "shadow.documents";
    /** Retained messages by topic. */
    public static final String RETAINED = "mqtt.retained";
    /** Persistent sessions by client id: subscriptions and when the client went away. */
    public static final String SESSIONS = "session.state";
    /** The QoS 1 messages persistent sessions hold, by {@code <client id>\u0000<sequence number>}. */
    public static final String SESSION_MESSAGES = "session.messages";
    /** Device certificate status changes by certificate id. */
    public static final String CERTIFICATE_STATUS = "tls.certificate-status";
    /** Things by name. */
    public static final String THINGS = "registry.things";
    /** Thing types by name. */
    public static final String THING_TYPES = "registry.thing-types";
    /** Static thing groups by name, with their direct members. */
    public static final String THING_GROUPS = "registry.thing-groups";
    /** IoT policies by name, with their versions. */
    public static final String POLICIES = "registry.policies";
    /** Certificates (PEM, status; never a private key) by certificate id. */
    public static final String CERTIFICATES = "registry.certificates";
    /** The policies attached to each target (certificate ARN, thing group ARN, Cognito identity), by target. */
    public static final String POLICY_TARGETS = "registry.policy-targets";
    /** The principals attached to each thing, by thing name. */
    public static final String THING_PRINCIPALS = "registry.thing-principals";
    /** Jobs by job id. */
    public static final String JOBS = "jobs.jobs";
    /** Job executions by {@code <thing>/<job id>}. */
    public static final String JOB_EXECUTIONS = "jobs.executions";
    /** Which event types are enabled (UpdateEventConfigurations), by type. */
    public static final String EVENT_CONFIGURATIONS = "jobs.event-configurations";
    /** Fleet provisioning templates by name. */
    public static final String PROVISIONING_TEMPLATES = "provisioning.templates";

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)+");

    private CollectionNames() {
    }

    /** Refuses a name that is not {@code <feature>.<name>}. */
    static String check(String collection) {
        if (collection == null || !NAME.matcher(collection).matches()) {
            throw new IllegalArgumentException("a collection is named <feature>.<name> in lower case, such as "
                    + SHADOWS + ", not " + collection);
        }
        return collection;
    }
}
