package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** {@code sqs}: sends the SELECT output to {@code queueUrl}, base64-encoded when {@code useBase64} is true. */
final class SqsAction implements RuleAction {

    private final Template queueUrl;
    private final boolean base64;
    private final AwsClients aws;

    SqsAction(Fields fields, AwsClients aws) {
        this.queueUrl = fields.template("queueUrl");
        this.base64 = fields.flag("useBase64");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "sqs";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(queueUrl);
    }

    @Override
    public String run(ActionInput input) {
        String body = base64 ? Base64.getEncoder().encodeToString(input.payload())
                : new String(input.payload(), StandardCharsets.UTF_8);
        return "MessageId " + aws.sqs().sendMessage(b -> b.queueUrl(target(input)).messageBody(body)).messageId();
    }
}
