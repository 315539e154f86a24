package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.refusals.RefusalLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/refusals}: how many connections and requests were turned away before any IoT policy was
 * asked (SigV4, TLS, CONNECT, protocol errors) since start, and the latest of them, oldest first, each with its reason
 * code, message, client, principal, address and details (for a signature mismatch, the canonical request and the
 * string to sign the emulator computed). Policy denials are at {@code /__emulator/policies/denials}.
 */
public final class RefusalsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/refusals";

    private final RefusalLog log;

    public RefusalsRoute(RefusalLog log) {
        this.log = log;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("count", log.count());
        ArrayNode recent = body.putArray("recent");
        for (RefusalLog.Refusal refusal : log.recent()) {
            AdminJson.refusal(refusal, recent.addObject());
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
