package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code POST /__emulator/reset}: disconnects every client ({@code API_INITIATED_DISCONNECT}) and ends every session,
 * then forgets the journal, the retained messages and the Device Shadows; see {@link EmulatorAdmin#reset()}.
 */
public final class ResetRoute implements Route.Handler {

    public static final String PATH = "/__emulator/reset";

    private final EmulatorAdmin admin;

    public ResetRoute(EmulatorAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        admin.reset().whenComplete((done, failure) -> HttpResponses.sendJson(ctx, HttpResponseStatus.OK,
                HttpResponses.JSON.createObjectNode().put("reset", failure == null), null));
    }
}
