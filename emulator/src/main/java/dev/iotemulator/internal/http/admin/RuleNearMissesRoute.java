package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.rules.TopicRules;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/rules/near-misses?topic=<topic>}: which rules nearly matched a message on that topic and why
 * not, nearest first.
 */
public final class RuleNearMissesRoute implements Route.Handler {

    public static final String PATH = "/__emulator/rules/near-misses";

    private final TopicRules rules;

    public RuleNearMissesRoute(TopicRules rules) {
        this.rules = rules;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String topic = HttpResponses.param(request, "topic", null);
        if (topic == null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    "topic is required, as in " + PATH + "?topic=sensors/d1/telemetry.");
            return;
        }
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("topic", topic);
        ArrayNode list = body.putArray("rules");
        rules.nearMisses(topic).forEach(list::add);
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
