package dev.iotemulator.internal.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.controlplane.ApiError;
import dev.iotemulator.internal.controlplane.ApiRequest;
import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.controlplane.Json;
import dev.iotemulator.internal.controlplane.Service;
import dev.iotemulator.internal.policy.Arns;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The topic-rule operations of AWS IoT's control plane: CreateTopicRule, GetTopicRule, ListTopicRules,
 * ReplaceTopicRule, EnableTopicRule, DisableTopicRule, DeleteTopicRule, with the service model's bindings and errors.
 * A rule that does not exist is answered {@code UnauthorizedException}, as AWS does (those operations have no
 * ResourceNotFoundException in the model); the message says what is missing.
 */
public final class TopicRulesApi implements ControlPlane.Api {

    private static final Pattern RULE_NAME = Pattern.compile("^[a-zA-Z0-9_]+$");

    private final TopicRules rules;
    private final Arns arns;

    public TopicRulesApi(TopicRules rules, Arns arns) {
        this.rules = rules;
        this.arns = arns;
    }

    @Override
    public void register(ControlPlane.Registrations ops) {
        ops.add(Service.IOT, "CreateTopicRule", "POST", "/rules/{ruleName}", this::create)
                .add(Service.IOT, "GetTopicRule", "GET", "/rules/{ruleName}", this::get)
                .add(Service.IOT, "ListTopicRules", "GET", "/rules", this::list)
                .add(Service.IOT, "ReplaceTopicRule", "PATCH", "/rules/{ruleName}", this::replace)
                .add(Service.IOT, "EnableTopicRule", "POST", "/rules/{ruleName}/enable", r -> enable(r, false))
                .add(Service.IOT, "DisableTopicRule", "POST", "/rules/{ruleName}/disable", r -> enable(r, true))
                .add(Service.IOT, "DeleteTopicRule", "DELETE", "/rules/{ruleName}", this::delete);
    }

    private static String name(ApiRequest request) {
        return ApiRequest.valid(request.label("ruleName"), "ruleName", RULE_NAME, 128);
    }

    private ObjectNode create(ApiRequest request) {
        String name = name(request);
        if (!define(() -> rules.create(name, request.body()))) {
            throw ApiError.RESOURCE_ALREADY_EXISTS.with("Rule " + name + " already exists in the account");
        }
        return null;
    }

    private ObjectNode replace(ApiRequest request) {
        String name = name(request);
        if (!define(() -> rules.replace(name, request.body()))) {
            throw missing(name);
        }
        return null;
    }

    /** Runs a create or replace, answering AWS's errors for a rule AWS would refuse. */
    private static boolean define(java.util.function.BooleanSupplier change) {
        try {
            return change.getAsBoolean();
        } catch (SqlParseException e) {
            throw ApiError.SQL_PARSE.with(e.getMessage());
        } catch (RuleDefinitionException e) {
            throw ApiError.INVALID_REQUEST.with(e.getMessage());
        }
    }

    private ObjectNode get(ApiRequest request) {
        String name = name(request);
        TopicRule rule = rules.get(name).orElseThrow(() -> missing(name));
        ObjectNode out = Json.object().put("ruleArn", arns.rule(name));
        ObjectNode r = out.putObject("rule").put("ruleName", name).put("sql", rule.statement().sql());
        Json.put(r, "description", rule.description().isEmpty() ? null : rule.description());
        r.set("createdAt", Json.timestamp(rule.createdAt()));
        r.set("actions", rule.payload().path("actions").deepCopy());
        r.put("ruleDisabled", rule.disabled()).put("awsIotSqlVersion", rule.statement().version().label());
        JsonNode error = rule.payload().get("errorAction");
        if (error != null && !error.isNull()) {
            r.set("errorAction", error.deepCopy());
        }
        return out;
    }

    private ObjectNode list(ApiRequest request) {
        String topic = request.query("topic");
        String disabled = request.query("ruleDisabled");
        List<TopicRule> matching = rules.list().stream()
                .filter(r -> topic == null || topic.equals(r.topicPattern()))
                .filter(r -> disabled == null || r.disabled() == Boolean.parseBoolean(disabled.toLowerCase(Locale.ROOT)))
                .toList();
        return Json.page(request, Json.object(), "rules", matching, r -> {
            ObjectNode item = Json.object().put("ruleArn", arns.rule(r.name())).put("ruleName", r.name());
            Json.put(item, "topicPattern", r.topicPattern());
            item.set("createdAt", Json.timestamp(r.createdAt()));
            return item.put("ruleDisabled", r.disabled());
        });
    }

    private ObjectNode enable(ApiRequest request, boolean disabled) {
        String name = name(request);
        if (!rules.setDisabled(name, disabled)) {
            throw missing(name);
        }
        return null;
    }

    private ObjectNode delete(ApiRequest request) {
        String name = name(request);
        if (!rules.delete(name)) {
            throw missing(name);
        }
        return null;
    }

    private static RuntimeException missing(String name) {
        return ApiError.UNAUTHORIZED.with("No topic rule named " + name + " exists in this account (AWS answers "
                + "UnauthorizedException for a rule it does not have); ListTopicRules lists them.");
    }
}
