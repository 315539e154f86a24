package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.authz.DenialLog;
import io.netty.handler.codec.http.FullHttpRequest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/policies/denials}: how many requests IoT policies have denied since start, and the latest
 * 100 of them with the deciding statement and what the gateway did (closed, disconnected, not delivered).
 */
public final class PolicyDenialsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/policies/denials";

    private final DenialLog log;

    public PolicyDenialsRoute(DenialLog log) {
        this.log = log;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("count", log.count());
        ArrayNode recent = body.putArray("recent");
        for (DenialLog.Denial denial : log.recent()) {
            AdminJson.denial(denial, recent.addObject());
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
