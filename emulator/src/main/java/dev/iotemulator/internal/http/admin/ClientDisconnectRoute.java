package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.mqtt.DisconnectReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * {@code POST /__emulator/clients/{clientId}/disconnect?reason=<disconnectReason>}: closes a client's connection as
 * AWS IoT would for that reason ({@code API_INITIATED_DISCONNECT} unless given). Its disconnected lifecycle event
 * carries the reason, and its Last Will is published when AWS would publish it.
 */
public final class ClientDisconnectRoute implements Route.Handler {

    public static final String TEMPLATE = "/__emulator/clients/{clientId}/disconnect";
    private static final String PREFIX = "/__emulator/clients/";
    private static final String SUFFIX = "/disconnect";

    private final EmulatorAdmin admin;

    public ClientDisconnectRoute(EmulatorAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String clientId = QueryStringDecoder.decodeComponent(path.substring(PREFIX.length(),
                path.length() - SUFFIX.length()));
        String reasonName = HttpResponses.param(request, "reason", DisconnectReason.API_INITIATED_DISCONNECT.name());
        Optional<DisconnectReason> reason = EmulatorAdmin.reasonNamed(reasonName);
        if (reason.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    EmulatorAdmin.unknownReason(reasonName));
            return;
        }
        admin.disconnect(clientId, reason.get()).whenComplete((done, failure) -> {
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause instanceof EmulatorAdmin.NotConnected notConnected) {
                HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                        notConnected.getMessage());
            } else {
                HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode()
                        .put("clientId", clientId).put("disconnectReason", reason.get().name()), null);
            }
        });
    }
}
