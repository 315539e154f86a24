package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;

/**
 * {@code dynamoDBv2}: writes each top-level attribute of the SELECT output as a column of one item
 * ({@code PutItem}) in {@code putItem.tableName}. The output must be a JSON object.
 */
final class DynamoDbV2Action implements RuleAction {

    private final Template table;
    private final AwsClients aws;

    DynamoDbV2Action(Fields fields, AwsClients aws) {
        this.table = fields.of(fields.node("putItem")).template("tableName");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "dynamoDBv2";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(table);
    }

    @Override
    public String run(ActionInput input) {
        if (input.output() == null || !input.output().isObject()) {
            throw new ActionFailure("The dynamoDBv2 action needs a JSON object to write, not "
                    + (input.output() == null ? "nothing" : input.output().getNodeType()));
        }
        var r = aws.dynamoDb().putItem(b -> b.tableName(target(input)).item(DynamoItems.item(input.output())));
        return "PutItem: HTTP " + r.sdkHttpResponse().statusCode();
    }
}
