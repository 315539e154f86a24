package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iotemulator.internal.rules.sql.SqlStatement;
import java.time.Instant;
import java.util.List;

/**
 * One topic rule as AWS's {@code TopicRulePayload} describes it, with its SQL parsed and its actions checked.
 *
 * @param payload the {@code TopicRulePayload} as given, for GetTopicRule
 * @param errorAction null when the rule has none
 */
public record TopicRule(String name, SqlStatement statement, String description, boolean disabled,
        List<ActionSpec> actions, ActionSpec errorAction, Instant createdAt, JsonNode payload) {

    public TopicRule {
        actions = List.copyOf(actions);
    }

    /** The same rule, enabled or disabled. */
    public TopicRule withDisabled(boolean newDisabled) {
        com.fasterxml.jackson.databind.node.ObjectNode p = payload.deepCopy();
        p.put("ruleDisabled", newDisabled);
        return new TopicRule(name, statement, description, newDisabled, actions, errorAction, createdAt, p);
    }

    /** The FROM topic filter; null for a rule reached only through Basic Ingest. */
    public String topicPattern() {
        return statement.topicFilter();
    }

    /**
     * One action of a rule: its AWS name ({@code republish}, {@code dynamoDBv2}, ...) and its JSON object as given.
     */
    public record ActionSpec(String type, JsonNode config) {

        /** The name AWS uses in error-action payloads' {@code failedAction}, e.g. {@code RepublishAction}. */
        public String failedActionName() {
            return Character.toUpperCase(type.charAt(0)) + type.substring(1) + "Action";
        }
    }
}
