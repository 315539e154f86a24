package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.RuleExecution;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.rules.TopicRules;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;

/**
 * {@code GET /__emulator/rules/executions?rule=<name>}: the latest rule executions (at most 1000), oldest first, each
 * with whether it fired, what WHERE compared, the SELECT output and every action's outcome.
 */
public final class RuleExecutionsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/rules/executions";

    private final TopicRules rules;

    public RuleExecutionsRoute(TopicRules rules) {
        this.rules = rules;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String rule = HttpResponses.param(request, "rule", null);
        List<RuleExecution> executions = rules.executions().stream()
                .filter(e -> rule == null || e.ruleName().equals(rule)).toList();
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("count", executions.size());
        ArrayNode list = body.putArray("executions");
        executions.forEach(e -> list.add(RuleJson.execution(e)));
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
