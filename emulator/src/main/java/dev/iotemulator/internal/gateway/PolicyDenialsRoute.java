package dev.iotemulator.internal.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/policies/denials}: how many requests IoT policies have denied since start, and the latest
 * 100 of them with the deciding statement and what the gateway did (closed, disconnected, not delivered).
 */
final class PolicyDenialsRoute {

    static final String PATH = "/__emulator/policies/denials";

    private final GatewayContext context;

    PolicyDenialsRoute(GatewayContext context) {
        this.context = context;
    }

    void handle(ChannelHandlerContext ctx) {
        DenialLog log = context.authorizer().denials();
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("count", log.count());
        ArrayNode recent = body.putArray("recent");
        for (DenialLog.Denial denial : log.recent()) {
            ObjectNode entry = recent.addObject()
                    .put("time", denial.at().toString())
                    .put("action", denial.action())
                    .put("resource", denial.resource())
                    .put("principal", denial.principal())
                    .put("clientId", denial.clientId())
                    .put("consequence", denial.consequence());
            DecisionJson.write(denial.decision(), entry);
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
