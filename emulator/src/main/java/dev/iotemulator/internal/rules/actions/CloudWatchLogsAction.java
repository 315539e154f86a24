package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * {@code cloudwatchLogs}: writes the SELECT output as one log event in {@code logGroupName}. AWS does not document
 * the stream it writes to; the emulator uses one stream per rule, {@code iot-rule-<ruleName>}, created on first use.
 */
final class CloudWatchLogsAction implements RuleAction {

    private final Template group;
    private final AwsClients aws;

    CloudWatchLogsAction(Fields fields, AwsClients aws) {
        this.group = fields.template("logGroupName");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "cloudwatchLogs";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(group);
    }

    @Override
    public String run(ActionInput input) {
        CloudWatchLogsClient logs = aws.logs();
        String stream = "iot-rule-" + input.ruleName();
        try {
            logs.createLogStream(b -> b.logGroupName(target(input)).logStreamName(stream));
        } catch (ResourceAlreadyExistsException e) {
            // written to before: fine
        }
        logs.putLogEvents(b -> b.logGroupName(target(input)).logStreamName(stream).logEvents(e -> e
                .timestamp(input.context().timestamp()).message(new String(input.payload(), StandardCharsets.UTF_8))));
        return "PutLogEvents to stream " + stream;
    }
}
