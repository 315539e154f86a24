package dev.iotemulator.internal.rules;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.pipeline.Origin;
import dev.iotemulator.internal.pipeline.Outcome;
import dev.iotemulator.internal.pipeline.Publish;
import dev.iotemulator.internal.pipeline.PublishPipeline;
import dev.iotemulator.internal.pipeline.Source;
import dev.iotemulator.internal.rules.actions.AwsClients;
import dev.iotemulator.internal.rules.actions.RuleActions;
import dev.iotemulator.internal.shadow.Shadows;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The rules engine plugged into the publish pipeline: a subscriber for every message, the Basic Ingest service on
 * {@code $aws/rules/...}, and republish back through the same pipeline as the emulator's own service.
 */
public final class RulesModule implements AutoCloseable {

    private final AwsClients aws;
    private final RulesEngine engine;
    private final TopicRules rules;

    /**
     * @param endpoints where actions reach each AWS service (see {@link AwsClients#SERVICES})
     * @param credential the credential the AWS SDK clients sign with (local servers accept any)
     * @param backlog the publishers' flow control, told when evaluations queue up
     */
    public RulesModule(PublishPipeline pipeline, Shadows shadows, Map<String, URI> endpoints, String region,
            String accountId, LocalCredential credential, RulesEngine.Backlog backlog, Clock clock) {
        this.aws = new AwsClients(endpoints, region, credential.accessKeyId(), credential.secretAccessKey());
        RuleActions actions = new RuleActions((topic, payload, qos, headers) -> {
            Outcome outcome = pipeline.publish(new Publish(topic, payload, qos, false, Source.SERVICE, null, null),
                    Origin.SERVER);
            return outcome instanceof Outcome.Invalid invalid ? invalid.problem()
                    : outcome instanceof Outcome.Denied denied ? denied.reason() : null;
        }, aws, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        RuleBook book = new RuleBook();
        RuleExecutions executions = new RuleExecutions();
        this.engine = new RulesEngine(book, actions, executions, new RuleServices(aws, shadows), accountId, clock,
                backlog);
        this.rules = new TopicRules(book, engine, executions, clock);
        pipeline.subscribe(engine::onMessage);
        pipeline.services().register(new BasicIngest(engine));
    }

    public TopicRules rules() {
        return rules;
    }

    @Override
    public void close() {
        engine.close();
        aws.close();
    }
}
