package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /__emulator/reset}: disconnects every client ({@code API_INITIATED_DISCONNECT}), then forgets the
 * journal and the retained messages. Keys and policies stay.
 */
final class ResetRoute {

    static final String PATH = "/__emulator/reset";
    private static final long CLOSE_WAIT_SECONDS = 5;

    private final GatewayContext context;

    ResetRoute(GatewayContext context) {
        this.context = context;
    }

    static CompletableFuture<Void> reset(GatewayContext context) {
        return context.registry().closeAll(DisconnectReason.API_INITIATED_DISCONNECT)
                .completeOnTimeout(null, CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
                .thenRun(() -> {
                    context.journal().clear();
                    context.retained().clear();
                    context.shadows().shadows().clear();
                    context.sessions().clear();
                });
    }

    void handle(ChannelHandlerContext ctx) {
        reset(context).whenComplete((done, failure) -> HttpResponses.sendJson(ctx, HttpResponseStatus.OK,
                HttpResponses.JSON.createObjectNode().put("reset", failure == null), null));
    }
}
