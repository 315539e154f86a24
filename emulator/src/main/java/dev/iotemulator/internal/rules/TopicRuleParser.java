package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.TopicRule.ActionSpec;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import dev.iotemulator.internal.rules.sql.SqlStatement;
import dev.iotemulator.internal.rules.sql.SqlVersion;
import dev.iotemulator.internal.rules.sql.Template;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads AWS's {@code TopicRulePayload} ({@code sql}, {@code actions}, {@code errorAction}, {@code ruleDisabled},
 * {@code awsIotSqlVersion}, {@code description}) as CreateTopicRule takes it and as the configuration directory holds
 * it. Rule names follow AWS ({@code ^[a-zA-Z0-9_]+$}, at most 128); each action must be one of AWS's with its
 * required fields; templates in the fields AWS substitutes must parse.
 */
public final class TopicRuleParser {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9_]{1,128}$");
    /** The required fields of each action the emulator runs (botocore's iot model). */
    static final Map<String, List<String>> REQUIRED = Map.ofEntries(
            Map.entry("republish", List.of("topic")),
            Map.entry("http", List.of("url")),
            Map.entry("lambda", List.of("functionArn")),
            Map.entry("dynamoDB", List.of("tableName", "hashKeyField", "hashKeyValue")),
            Map.entry("dynamoDBv2", List.of("putItem")),
            Map.entry("sqs", List.of("queueUrl")),
            Map.entry("kinesis", List.of("streamName")),
            Map.entry("s3", List.of("bucketName", "key")),
            Map.entry("firehose", List.of("deliveryStreamName")),
            Map.entry("cloudwatchLogs", List.of("logGroupName")));
    /** AWS's other actions: accepted and stored, and reported as not emulated when they would run. */
    static final List<String> NOT_EMULATED = List.of("sns", "cloudwatchMetric", "cloudwatchAlarm", "elasticsearch",
            "salesforce", "iotAnalytics", "iotEvents", "iotSiteWise", "stepFunctions", "timestream", "kafka",
            "openSearch", "location");

    private TopicRuleParser() {
    }

    /**
     * @throws RuleDefinitionException for a bad name, a missing field or an unknown action
     * @throws SqlParseException when the SQL or a substitution template does not parse
     */
    public static TopicRule parse(String name, JsonNode payload, Instant createdAt) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new RuleDefinitionException("rule name '" + name + "' must be 1 to 128 letters, digits and "
                    + "underscores (AWS: ^[a-zA-Z0-9_]+$)");
        }
        if (payload == null || !payload.isObject()) {
            throw new RuleDefinitionException("the topic rule payload must be a JSON object with sql and actions");
        }
        JsonNode sql = payload.get("sql");
        if (sql == null || !sql.isTextual()) {
            throw new RuleDefinitionException("sql is required: a statement such as SELECT * FROM 'sensors/#'");
        }
        SqlVersion version;
        try {
            version = SqlVersion.of(payload.path("awsIotSqlVersion").asText(null));
        } catch (IllegalArgumentException e) {
            throw new RuleDefinitionException(e.getMessage());
        }
        SqlStatement statement = SqlStatement.parse(sql.textValue(), version);
        JsonNode actions = payload.get("actions");
        if (actions == null || !actions.isArray()) {
            throw new RuleDefinitionException("actions is required: a list such as [{\"republish\": {\"topic\": "
                    + "\"alerts\", \"roleArn\": \"...\"}}] (it may be empty)");
        }
        if (actions.size() > 10) {
            throw new RuleDefinitionException("a rule has at most 10 actions, not " + actions.size());
        }
        List<ActionSpec> specs = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
            specs.add(action(actions.get(i), "actions[" + i + "]", version));
        }
        JsonNode error = payload.get("errorAction");
        ActionSpec errorAction = error == null || error.isNull() ? null : action(error, "errorAction", version);
        return new TopicRule(name, statement, payload.path("description").asText(""),
                payload.path("ruleDisabled").asBoolean(false), specs, errorAction, createdAt, payload.deepCopy());
    }

    private static ActionSpec action(JsonNode node, String where, SqlVersion version) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new RuleDefinitionException(where + " must be an object with exactly one action, such as "
                    + "{\"republish\": {...}}");
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        String type = only.getKey();
        JsonNode config = only.getValue();
        if (!REQUIRED.containsKey(type) && !NOT_EMULATED.contains(type)) {
            throw new RuleDefinitionException(where + " names the action '" + type + "', which AWS IoT does not have; "
                    + "the emulator runs " + REQUIRED.keySet());
        }
        if (!config.isObject()) {
            throw new RuleDefinitionException(where + "." + type + " must be an object");
        }
        for (String field : REQUIRED.getOrDefault(type, List.of())) {
            if (!config.hasNonNull(field)) {
                throw new RuleDefinitionException(where + "." + type + "." + field + " is required");
            }
        }
        checkTemplates(config, version);
        return new ActionSpec(type, config.deepCopy());
    }

    /** Every string field must parse as a template, so a bad ${...} fails at creation as on AWS. */
    private static void checkTemplates(JsonNode config, SqlVersion version) {
        for (Iterator<JsonNode> it = config.elements(); it.hasNext(); ) {
            JsonNode field = it.next();
            if (field.isTextual() && field.textValue().contains("${")) {
                Template.parse(field.textValue(), version);
            } else if (field.isContainerNode()) {
                checkTemplates(field, version);
            }
        }
    }
}
