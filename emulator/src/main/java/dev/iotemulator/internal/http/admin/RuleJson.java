package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.RuleExecution;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.rules.TopicRule;

/** Rules and rule executions as the admin API writes them (and {@code RemoteEmulator} reads them). */
final class RuleJson {

    private RuleJson() {
    }

    static ObjectNode rule(TopicRule r) {
        ObjectNode node = HttpResponses.JSON.createObjectNode()
                .put("ruleName", r.name())
                .put("sql", r.statement().sql())
                .put("awsIotSqlVersion", r.statement().version().label())
                .put("topicPattern", r.topicPattern())
                .put("ruleDisabled", r.disabled())
                .put("createdAt", r.createdAt().toString());
        ArrayNode actions = node.putArray("actions");
        r.actions().forEach(a -> actions.add(a.type()));
        node.put("errorAction", r.errorAction() == null ? null : r.errorAction().type());
        return node;
    }

    static ObjectNode execution(RuleExecution e) {
        ObjectNode node = HttpResponses.JSON.createObjectNode()
                .put("sequence", e.sequence())
                .put("ruleName", e.ruleName())
                .put("time", e.time().toString())
                .put("topic", e.topic())
                .put("clientId", e.clientId())
                .put("fired", e.fired())
                .put("where", e.where())
                .put("output", e.output())
                .put("explanation", e.explanation());
        ArrayNode comparisons = node.putArray("comparisons");
        e.comparisons().forEach(comparisons::add);
        ArrayNode actions = node.putArray("actions");
        e.actions().forEach(a -> actions.add(outcome(a)));
        if (e.errorAction() != null) {
            node.set("errorAction", outcome(e.errorAction()));
        }
        return node;
    }

    private static ObjectNode outcome(RuleExecution.ActionOutcome a) {
        return HttpResponses.JSON.createObjectNode().put("action", a.action()).put("target", a.target())
                .put("succeeded", a.succeeded()).put("detail", a.detail());
    }
}
