package dev.iotemulator.internal.rules.actions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.Values;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** JSON to DynamoDB attribute values: strings S, numbers N, booleans BOOL, null NULL, objects M, arrays L. */
final class DynamoItems {

    private DynamoItems() {
    }

    static Map<String, AttributeValue> item(JsonNode object) {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            item.put(f.getKey(), value(f.getValue()));
        }
        return item;
    }

    static AttributeValue value(JsonNode v) {
        if (v.isTextual()) {
            return AttributeValue.fromS(v.textValue());
        }
        if (v.isNumber()) {
            return AttributeValue.fromN(v.isIntegralNumber() ? v.bigIntegerValue().toString()
                    : v.decimalValue().toPlainString());
        }
        if (v.isBoolean()) {
            return AttributeValue.fromBool(v.booleanValue());
        }
        if (v.isObject()) {
            return AttributeValue.fromM(item(v));
        }
        if (v.isArray()) {
            List<AttributeValue> list = new ArrayList<>();
            v.forEach(e -> list.add(value(e)));
            return AttributeValue.fromL(list);
        }
        if (v.isNull()) {
            return AttributeValue.fromNul(true);
        }
        return AttributeValue.fromS(Values.json(v));
    }
}
