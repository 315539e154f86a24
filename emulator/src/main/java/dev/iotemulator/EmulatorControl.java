package dev.iotemulator;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a test or tool can do to a running emulator, the same whether it runs in this JVM ({@link IotEmulator}) or
 * in another process or container ({@link RemoteEmulator}, over the admin API under {@code /__emulator/}). Code
 * written against this interface runs against either.
 *
 * <pre>{@code
 * EmulatorControl iot = RemoteEmulator.connect(URI.create("http://127.0.0.1:8080"));   // or IotEmulator.start(...)
 * iot.reset();
 * iot.publish("devices/d1/commands", "{\"reboot\":true}".getBytes(UTF_8), 1, false);
 * ReceivedMessage ack = iot.awaitMessage("devices/d1/acks", Duration.ofSeconds(5));
 * }</pre>
 */
public interface EmulatorControl {

    /**
     * Returns the emulator to a clean slate between tests: disconnects every client (lifecycle reason
     * {@code API_INITIATED_DISCONNECT}), then empties the journal, the retained messages, the Device Shadows, the rule
     * executions and the remembered persistent sessions. Keys, the registry (things, policies, certificates), jobs,
     * topic rules and listeners stay.
     */
    void reset();

    /**
     * Every journal entry kept since start or the last {@link #reset()}, oldest first: connects, disconnects,
     * subscribes, publishes, deliveries and IoT policy denials.
     */
    List<JournalEntry> journalEntries();

    /** The messages published to the emulator (by clients or by {@link #publish}), oldest first. */
    default List<ReceivedMessage> publishes() {
        return journalEntries().stream().filter(e -> e.kind() == JournalEntry.Kind.PUBLISH)
                .map(ReceivedMessage::of).toList();
    }

    /**
     * Waits until a message is published on a topic matching {@code topicFilter} (AWS IoT's matching rules, so
     * {@code a/#} does not match {@code a}) and returns it. A message published before the call, since start or the
     * last {@link #reset()}, counts too.
     *
     * @throws MessageNotReceivedException on time-out, listing the topics that did receive messages, nearest to the
     *     filter first
     */
    ReceivedMessage awaitMessage(String topicFilter, Duration timeout);

    /**
     * Waits until a published message satisfies {@code which} and returns it; messages published since start or the
     * last {@link #reset()} count too. Keep {@code which} quick and free of side effects.
     *
     * @throws MessageNotReceivedException on time-out, listing the topics that did receive messages, latest first
     */
    ReceivedMessage awaitMessage(Predicate<ReceivedMessage> which, Duration timeout);

    /** The MQTT clients connected now, with their subscriptions. */
    List<ConnectedClient> connectedClients();

    /**
     * Closes a client's connection as AWS IoT would for {@code reason}, one of AWS's lifecycle
     * {@code disconnectReason} values ({@code API_INITIATED_DISCONNECT}, {@code THROTTLED},
     * {@code SERVER_INITIATED_DISCONNECT}, {@code DUPLICATE_CLIENTID}, ...). The
     * {@code $aws/events/presence/disconnected/<clientId>} event carries that reason, and the client's Last Will is
     * published when AWS would publish it. Returns once the connection is closed.
     *
     * @throws IotEmulatorException when the client is not connected or the reason is not one of AWS's
     */
    void disconnect(String clientId, String reason);

    /** {@link #disconnect(String, String)} with the reason {@code API_INITIATED_DISCONNECT}. */
    default void disconnect(String clientId) {
        disconnect(clientId, "API_INITIATED_DISCONNECT");
    }

    /**
     * Publishes {@code payload} on {@code topic} as the emulator itself: no IoT policy applies to the publishing
     * side, while each subscriber's {@code iot:Receive} still does. With {@code retain} the message also becomes the
     * topic's retained message. It is journaled with a null client id, so {@link #awaitMessage} sees it.
     *
     * @param qos 0 or 1 (AWS IoT has no QoS 2)
     * @throws IotEmulatorException for a topic with wildcards or another QoS
     */
    void publish(String topic, byte[] payload, int qos, boolean retain);

    /**
     * Creates an RSA key pair and a device certificate signed by the emulator's CA, registers it as ACTIVE with the
     * given policies, and attaches it to {@code thingName} (may be null): AWS IoT's {@code CreateKeysAndCertificate},
     * {@code AttachPolicy} and {@code AttachThingPrincipal} in one call.
     *
     * @throws IotEmulatorException when TLS is off or a policy does not exist
     */
    DeviceCertificate createDeviceCertificate(String thingName, String... policyNames);

    /**
     * A device as a setup script makes one: the policy {@code policyName} with {@code policyDocument} (kept if it
     * already exists with that document; a different document becomes its new default version; with a null document
     * the policy must exist), the thing {@code thingName}, an ACTIVE certificate with its keys, the policy attached to
     * the certificate and the certificate to the thing. AWS IoT's CreatePolicy, CreateThing, CreateKeysAndCertificate,
     * AttachPolicy and AttachThingPrincipal in one call.
     *
     * <pre>{@code
     * DeviceCertificate lamp = iot.createThing("lamp-1", "LampPolicy", policyJson);
     * }</pre>
     *
     * @throws IotEmulatorException when TLS is off, the document is not a valid IoT policy or a name is invalid
     */
    DeviceCertificate createThing(String thingName, String policyName, String policyDocument);

    /**
     * Creates a job for things of the registry with an inline job document, as {@code aws iot create-job --targets
     * <thing ARNs> --document ...} does (a SNAPSHOT job); the things' Jobs agents are told through {@code notify-next}.
     *
     * @throws IotEmulatorException when the job exists, a thing does not, or the document is not a JSON object
     */
    void createJob(String jobId, String jobDocument, String... thingNames);

    /**
     * The status of a job's execution on a thing, as DescribeJobExecution shows it: {@code QUEUED},
     * {@code IN_PROGRESS}, {@code SUCCEEDED}, {@code FAILED}, {@code REJECTED}, {@code TIMED_OUT}, {@code REMOVED} or
     * {@code CANCELED}.
     *
     * @throws IotEmulatorException when there is no such execution
     */
    String jobExecutionStatus(String jobId, String thingName);

    /** Sets a certificate's status, as AWS IoT's {@code UpdateCertificate}; a non-ACTIVE one can no longer connect. */
    void updateCertificateStatus(String certificateId, CertificateStatus status);

    /**
     * The emulator's CA certificate in PEM, which signs its server and device certificates: what TLS clients trust.
     *
     * @throws IotEmulatorException when TLS is off
     */
    String caCertificatePem();

    /**
     * Creates a topic rule, as AWS IoT's {@code CreateTopicRule}: {@code topicRulePayload} is the JSON that
     * {@code aws iot create-topic-rule --topic-rule-payload} takes, e.g.
     * {@code {"sql": "SELECT * FROM 'sensors/#' WHERE temp > 30", "awsIotSqlVersion": "2016-03-23",
     * "actions": [{"republish": {"topic": "alerts/${topic(2)}", "roleArn": "arn:aws:iam::000000000000:role/r"}}]}}.
     *
     * @throws IotEmulatorException when the rule exists already, or AWS would refuse it (the message names the SQL
     *     position or the field)
     */
    void createTopicRule(String ruleName, String topicRulePayload);

    /**
     * Deletes a topic rule, as AWS IoT's {@code DeleteTopicRule}.
     *
     * @throws IotEmulatorException when there is no such rule
     */
    void deleteTopicRule(String ruleName);

    /**
     * The latest rule executions (at most 1000, since start or the last {@link #reset()}), oldest first: each rule
     * evaluated for each message its FROM matched, fired or not, with the reason.
     */
    List<RuleExecution> ruleExecutions();

    /**
     * Waits until rule {@code ruleName} has been evaluated for a message (fired or not) and returns that execution; one
     * since start or the last {@link #reset()} counts too.
     *
     * <pre>{@code
     * RuleExecution e = iot.awaitRuleExecution("hot_alerts", Duration.ofSeconds(5));
     * assertTrue(e.fired(), e.explanation());
     * }</pre>
     *
     * @throws RuleNotExecutedException on time-out, with the latest executions and the rules that nearly matched
     */
    default RuleExecution awaitRuleExecution(String ruleName, Duration timeout) {
        return awaitRuleExecution(e -> e.ruleName().equals(ruleName), timeout);
    }

    /**
     * Waits until a rule execution satisfies {@code which}; executions since start or the last {@link #reset()}
     * count too.
     *
     * @throws RuleNotExecutedException on time-out, with the latest executions and the rules that nearly matched
     */
    RuleExecution awaitRuleExecution(Predicate<RuleExecution> which, Duration timeout);

    /**
     * Which rules nearly matched a message on {@code topic} and why not (a FROM level that differs, too few levels,
     * a disabled rule), nearest first: one line per rule.
     */
    List<String> ruleNearMisses(String topic);
}
