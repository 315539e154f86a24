package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/stats}: the message flow's counters: messages dropped on purpose, by reason (AWS IoT may drop
 * QoS 0 messages under load and drops what a session cannot queue; the emulator counts each), and how often slow
 * subscribers made publishers wait.
 */
public final class StatsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/stats";

    private final EmulatorAdmin admin;

    public StatsRoute(EmulatorAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ObjectNode dropped = body.putObject("dropped");
        admin.drops().snapshot().forEach((reason, count) -> dropped.put(reason.name(), count));
        body.putObject("backPressure")
                .put("congestedSessions", admin.flow().congestedSessions())
                .put("episodes", admin.flow().episodes());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
