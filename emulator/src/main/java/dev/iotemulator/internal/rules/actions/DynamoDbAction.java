package dev.iotemulator.internal.rules.actions;

import dev.iotemulator.internal.rules.sql.Template;
import dev.iotemulator.internal.rules.sql.Values;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code dynamoDB}: one item keyed by {@code hashKeyField}/{@code hashKeyValue} (and the range key when given),
 * typed STRING or NUMBER, with the SELECT output in {@code payloadField} (default {@code payload}); {@code operation}
 * INSERT (default) or UPDATE puts the item, DELETE deletes it.
 */
final class DynamoDbAction implements RuleAction {

    private final Template table;
    private final String hashField;
    private final Template hashValue;
    private final String hashType;
    private final String rangeField;
    private final Template rangeValue;
    private final String rangeType;
    private final Template payloadField;
    private final Template operation;
    private final AwsClients aws;

    DynamoDbAction(Fields f, AwsClients aws) {
        this.table = f.template("tableName");
        this.hashField = f.text("hashKeyField", null);
        this.hashValue = f.template("hashKeyValue");
        this.hashType = f.text("hashKeyType", "STRING");
        this.rangeField = f.text("rangeKeyField", null);
        this.rangeValue = f.template("rangeKeyValue");
        this.rangeType = f.text("rangeKeyType", "STRING");
        this.payloadField = Template.parse(f.text("payloadField", "payload"),
                dev.iotemulator.internal.rules.sql.SqlVersion.V2016_03_23);
        this.operation = f.template("operation");
        this.aws = aws;
    }

    @Override
    public String type() {
        return "dynamoDB";
    }

    @Override
    public String target(ActionInput input) {
        return input.render(table);
    }

    @Override
    public String run(ActionInput input) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(hashField, typed(input.render(hashValue), hashType));
        if (rangeField != null && rangeValue != null) {
            key.put(rangeField, typed(input.render(rangeValue), rangeType));
        }
        String op = operation == null ? "INSERT" : input.render(operation).toUpperCase(Locale.ROOT);
        if (op.equals("DELETE")) {
            aws.dynamoDb().deleteItem(b -> b.tableName(target(input)).key(key));
            return "DeleteItem " + key.keySet();
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>(key);
        item.put(input.render(payloadField), input.output() != null && input.output().isObject()
                ? AttributeValue.fromM(DynamoItems.item(input.output()))
                : AttributeValue.fromS(input.output() == null ? "" : input.output().isBinary()
                ? new String(input.payload(), StandardCharsets.UTF_8) : Values.json(input.output())));
        aws.dynamoDb().putItem(b -> b.tableName(target(input)).item(item));
        return "PutItem " + key.keySet();
    }

    private static AttributeValue typed(String value, String type) {
        return type.equalsIgnoreCase("NUMBER") ? AttributeValue.fromN(value) : AttributeValue.fromS(value);
    }
}
