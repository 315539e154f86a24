package dev.iotemulator.internal.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.iotemulator.internal.json.JsonErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Parses an AWS IoT policy document exactly as AWS writes it (AWS IoT Developer Guide "AWS IoT Core policies",
 * IAM "JSON policy element reference") and compiles its patterns once, so evaluation does no parsing.
 *
 * <p>Strict where a lenient reading would silently change access: element names and {@code Effect} values are
 * case-sensitive, duplicate keys and unknown elements are errors, and {@code Version} must be
 * {@code "2012-10-17"}, the only version in which policy variables are substituted.
 */
public final class PolicyParser {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final Pattern SIMPLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String VERSION = "2012-10-17";
    private static final Set<String> DOCUMENT_ELEMENTS = Set.of("Version", "Id", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS =
            Set.of("Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");

    private final JsonShapes shapes;
    private final List<String> warnings = new ArrayList<>();

    private PolicyParser(String source) {
        this.shapes = new JsonShapes(source);
    }

    /**
     * Parses and compiles one policy.
     *
     * @param policyName the name statements are reported under
     * @param json       the policy document
     * @param source     where the JSON came from, such as a file name; included in error messages
     * @throws PolicyParseException naming the source, the JSON path and what was expected
     */
    public static PolicyDocument parse(String policyName, String json, String source) {
        return new PolicyParser(source).document(policyName, json, source);
    }

    /** Parses a policy whose source is best described by its name, such as one created through an API. */
    public static PolicyDocument parse(String policyName, String json) {
        return parse(policyName, json, policyName);
    }

    private PolicyDocument document(String policyName, String json, String source) {
        JsonNode root = readTree(json);
        shapes.requireObject(root, "$", "a policy document object with Version and Statement");
        shapes.rejectUnknownFields(root, "$", DOCUMENT_ELEMENTS);
        JsonNode version = root.get("Version");
        if (version == null || !VERSION.equals(version.textValue())) {
            throw shapes.unexpected("$.Version", "\"" + VERSION + "\"", version);
        }
        JsonNode statementNode = root.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (statementNode != null && statementNode.isObject()) {
            statements.add(statement(policyName, 0, statementNode, "$.Statement"));
        } else if (statementNode != null && statementNode.isArray() && !statementNode.isEmpty()) {
            for (int i = 0; i < statementNode.size(); i++) {
                statements.add(statement(policyName, i, statementNode.get(i), "$.Statement[" + i + "]"));
            }
        } else {
            throw shapes.unexpected("$.Statement", "a statement object or a non-empty list of them", statementNode);
        }
        return new PolicyDocument(policyName, source, statements, warnings, json);
    }

    private JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw shapes.fail("$", "expected valid JSON but at " + JsonErrors.describe(e));
        }
    }

    private Statement statement(String policyName, int index, JsonNode node, String path) {
        shapes.requireObject(node, path, "a statement object");
        shapes.rejectUnknownFields(node, path, STATEMENT_ELEMENTS);
        JsonNode sid = node.get("Sid");
        if (sid != null && !sid.isTextual()) {
            throw shapes.unexpected(path + ".Sid", "a string", sid);
        }
        JsonNode effect = node.get("Effect");
        if (effect == null || !effect.isTextual()
                || !Set.of("Allow", "Deny").contains(effect.textValue())) {
            throw shapes.unexpected(path + ".Effect", "\"Allow\" or \"Deny\"", effect);
        }
        PatternList actions = patterns(node, path, "Action", PolicyPattern::action);
        PatternList resources = patterns(node, path, "Resource", PolicyPattern::resource);
        JsonNode condition = node.get("Condition");
        List<Condition> conditions = condition == null ? List.of()
                : new ConditionParser(shapes, warnings).parse(condition, path + ".Condition");
        return new Statement(new StatementRef(policyName, index, sid == null ? null : sid.textValue()),
                "Allow".equals(effect.textValue()) ? Effect.ALLOW : Effect.DENY, actions, resources, conditions);
    }

    private PatternList patterns(JsonNode statement, String path, String element,
                                 Function<String, PolicyPattern> compiler) {
        JsonNode positive = statement.get(element);
        JsonNode negative = statement.get("Not" + element);
        if (positive != null && negative != null) {
            throw shapes.fail(path, "expected either " + element + " or Not" + element + " but found both");
        }
        if (positive == null && negative == null) {
            throw shapes.fail(path + "." + element, "expected " + element + " or Not" + element
                    + " (a string or a non-empty list of strings) but found nothing (the element is missing)");
        }
        String elementPath = path + "." + (positive != null ? element : "Not" + element);
        JsonNode node = positive != null ? positive : negative;
        List<String> texts = shapes.stringOrStrings(node, elementPath);
        List<PolicyPattern> compiled = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String at = node.isArray() ? elementPath + "[" + i + "]" : elementPath;
            if ("Action".equals(element)) {
                PolicyActions.typo(texts.get(i)).ifPresent(typo -> warnings.add(at + ": " + typo));
            }
            try {
                compiled.add(compiler.apply(texts.get(i)));
            } catch (IllegalArgumentException e) {
                throw shapes.fail(at, e.getMessage());
            }
        }
        return new PatternList(compiled, negative != null);
    }

    static String member(String path, String name) {
        return SIMPLE_NAME.matcher(name).matches() ? path + "." + name : path + "['" + name + "']";
    }
}
