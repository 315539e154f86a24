package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code lambda}: invokes the function asynchronously ({@code Event}), as AWS's Lambda action does, with the SELECT
 * output as the event, through the Lambda API at the configured endpoint (for example {@code serverless-offline}).
 * The function is named by its ARN; the part after {@code function:} is what the endpoint is asked for.
 */
final class LambdaAction implements RuleAction {

    private final Template functionArn;
    private final AwsClients aws;

    LambdaAction(Fields fields, AwsClients aws) {
        this.functionArn = fields.template("functionArn");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "lambda";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(functionArn);
    }

    @Override
    public String run(ActionInput input) {
        InvokeResponse r = aws.lambda().invoke(b -> b.functionName(LambdaNames.functionName(target(input)))
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromByteArray(input.payload())));
        if (r.functionError() != null) {
            throw new ActionFailure("The Lambda function failed: " + r.functionError());
        }
        return "invoked asynchronously: HTTP " + r.statusCode();
    }
}
