package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.actions.ActionFailure;
import dev.iotemulator.internal.rules.actions.AwsClients;
import dev.iotemulator.internal.rules.sql.External;
import dev.iotemulator.internal.rules.sql.Values;
import dev.iotemulator.internal.shadow.ShadowName;
import dev.iotemulator.internal.shadow.ShadowResult;
import dev.iotemulator.internal.shadow.Shadows;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * The SQL's external functions against the emulator's own services: {@code get_thing_shadow()} reads its Device
 * Shadows, {@code aws_lambda()} invokes the function synchronously through the Lambda endpoint the actions use.
 */
public final class RuleServices implements External {

    private final AwsClients aws;
    private final Shadows shadows;

    public RuleServices(AwsClients aws, Shadows shadows) {
        this.aws = aws;
        this.shadows = shadows;
    }

    @Override
    public JsonNode awsLambda(String functionArn, JsonNode input) {
        InvokeResponse r = aws.lambda().invoke(b -> b.functionName(
                dev.iotemulator.internal.rules.actions.LambdaNames.functionName(functionArn))
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromUtf8String(input == null ? "{}" : Values.json(input))));
        String body = r.payload() == null ? "" : r.payload().asString(StandardCharsets.UTF_8);
        if (r.functionError() != null) {
            throw new ActionFailure("the function " + functionArn + " failed (" + r.functionError() + "): " + body);
        }
        JsonNode result = Values.parse(body.getBytes(StandardCharsets.UTF_8));
        if (result == null) {
            throw new ActionFailure("the function " + functionArn + " must return JSON, and returned: " + body);
        }
        return result;
    }

    @Override
    public JsonNode thingShadow(String thingName, String shadowName) {
        ShadowName name = shadowName == null ? ShadowName.classic(thingName) : ShadowName.named(thingName, shadowName);
        ShadowResult result = shadows.get(name, new byte[0]);
        return result instanceof ShadowResult.Document d ? d.payload() : null;
    }
}
