package dev.iotemulator.internal.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses a statement's {@code Condition} block: {@code {"<operator>": {"<key>": "<value>" | ["<value>", ...]}}}.
 * An unknown operator is kept as an {@link Condition.UnsupportedCondition} and reported as a warning rather than
 * rejected, so a policy written for a newer AWS feature still loads and fails closed.
 */
final class ConditionParser {

    private final JsonShapes shapes;
    private final List<String> warnings;

    ConditionParser(JsonShapes shapes, List<String> warnings) {
        this.shapes = shapes;
        this.warnings = warnings;
    }

    List<Condition> parse(JsonNode block, String path) {
        shapes.requireObject(block, path, "an object mapping condition operators to {key: values} objects");
        List<Condition> conditions = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = block.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String operatorPath = PolicyParser.member(path, entry.getKey());
            shapes.requireObject(entry.getValue(), operatorPath, "an object mapping condition keys to values");
            Optional<ConditionOperator> operator = ConditionOperator.parse(entry.getKey());
            if (operator.isEmpty()) {
                warnings.add(operatorPath + ": unknown condition operator \"" + entry.getKey()
                        + "\"; an Allow statement using it never applies and a Deny statement always does");
                conditions.add(new Condition.UnsupportedCondition(entry.getKey()));
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = entry.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                conditions.add(keyCondition(operator.get(), key.getKey(), key.getValue(),
                        PolicyParser.member(operatorPath, key.getKey())));
            }
        }
        return conditions;
    }

    private Condition keyCondition(ConditionOperator operator, String key, JsonNode node, String path) {
        List<String> texts = shapes.scalarOrScalars(node, path);
        if (operator.test() == ConditionOperator.Test.NULL
                && (texts.size() != 1 || !texts.get(0).matches("(?i)true|false"))) {
            throw shapes.unexpected(path, "\"true\" or \"false\"", node);
        }
        List<PolicyPattern> values = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            try {
                values.add(PolicyPattern.conditionValue(texts.get(i), operator.wildcards(), operator.ignoreCase()));
            } catch (IllegalArgumentException e) {
                throw shapes.fail(node.isArray() ? path + "[" + i + "]" : path, e.getMessage());
            }
        }
        return new Condition.KeyCondition(operator, key, values);
    }
}
