package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.TopicRule.ActionSpec;
import dev.iotemulator.internal.rules.sql.SqlVersion;
import java.net.http.HttpClient;

/** Builds the runnable form of each action a rule names; AWS's actions the emulator does not run fail when they run. */
public final class RuleActions {

    private final Republisher republisher;
    private final AwsClients aws;
    private final HttpClient http;

    public RuleActions(Republisher republisher, AwsClients aws, HttpClient http) {
        this.republisher = republisher;
        this.aws = aws;
        this.http = http;
    }

    public RuleAction create(ActionSpec spec, SqlVersion version) {
        Fields f = new Fields(spec.config(), version);
        return switch (spec.type()) {
            case "republish" -> new RepublishAction(f, republisher);
            case "http" -> new HttpAction(f, http);
            case "lambda" -> new LambdaAction(f, aws);
            case "dynamoDBv2" -> new DynamoDbV2Action(f, aws);
            case "dynamoDB" -> new DynamoDbAction(f, aws);
            case "sqs" -> new SqsAction(f, aws);
            case "kinesis" -> new KinesisAction(f, aws);
            case "s3" -> new S3Action(f, aws);
            case "firehose" -> new FirehoseAction(f, aws);
            case "cloudwatchLogs" -> new CloudWatchLogsAction(f, aws);
            default -> new NotEmulatedAction(spec.type());
        };
    }

    /** The SDK clients, for {@code aws_lambda()}. */
    public AwsClients aws() {
        return aws;
    }

    /** An AWS action the emulator accepts but does not run (SNS, Timestream, ...). */
    private record NotEmulatedAction(String type) implements RuleAction {
        @Override
        public String target(ActionInput input) {
            return "-";
        }

        @Override
        public String run(ActionInput input) {
            throw new ActionFailure("The " + type + " action is not emulated (see the README's fidelity table)");
        }
    }
}
