package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.rules.RuleDefinitionException;
import dev.iotemulator.internal.rules.TopicRules;
import dev.iotemulator.internal.rules.sql.SqlParseException;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;

/**
 * {@code GET /__emulator/rules} lists the topic rules, with how many evaluations ran and were dropped since start; {@code POST /__emulator/rules/{ruleName}} creates one from
 * the body (AWS's {@code TopicRulePayload}, as CreateTopicRule takes it); {@code DELETE} deletes one. Errors are
 * AWS's types: {@code SqlParseException} (with line and column), {@code InvalidRequestException},
 * {@code ResourceAlreadyExistsException}, {@code ResourceNotFoundException}.
 */
public final class RulesRoute implements Route.Handler {

    public static final String PATH = "/__emulator/rules";

    private final TopicRules rules;

    public RulesRoute(TopicRules rules) {
        this.rules = rules;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (path.equals(PATH)) {
            ObjectNode body = HttpResponses.JSON.createObjectNode();
            ArrayNode list = body.putArray("rules");
            rules.list().forEach(r -> list.add(RuleJson.rule(r)));
            body.put("evaluations", rules.evaluated()).put("droppedEvaluations", rules.dropped());
            HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
            return;
        }
        String name = QueryStringDecoder.decodeComponent(path.substring(PATH.length() + 1));
        if (request.method().name().equals("DELETE")) {
            if (rules.delete(name)) {
                HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode(), null);
            } else {
                HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                        "No topic rule named " + name + "; GET " + PATH + " lists them.");
            }
            return;
        }
        create(ctx, request, name);
    }

    private void create(ChannelHandlerContext ctx, FullHttpRequest request, String name) {
        JsonNode payload;
        try {
            payload = HttpResponses.JSON.readTree(new ByteBufInputStream(request.content().duplicate()));
        } catch (IOException e) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    "The body must be a TopicRulePayload in JSON: " + e.getMessage());
            return;
        }
        try {
            if (rules.create(name, payload)) {
                HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode()
                        .put("ruleName", name), null);
            } else {
                HttpResponses.sendError(ctx, HttpResponseStatus.CONFLICT, "ResourceAlreadyExistsException",
                        "A topic rule named " + name + " exists already.");
            }
        } catch (SqlParseException e) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "SqlParseException", e.getMessage());
        } catch (RuleDefinitionException e) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException", e.getMessage());
        }
    }
}
