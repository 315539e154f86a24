package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.mqtt.DisconnectReason;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Arrays;
import java.util.Optional;

/**
 * {@code POST /__emulator/clients/{clientId}/disconnect?reason=<disconnectReason>}: closes a client's connection as
 * AWS IoT would for that reason ({@code API_INITIATED_DISCONNECT} unless given). Its disconnected lifecycle event
 * carries the reason, and its Last Will is published when AWS would publish it.
 */
final class ClientDisconnectRoute {

    private static final String PREFIX = "/__emulator/clients/";
    private static final String SUFFIX = "/disconnect";

    private final GatewayContext context;

    ClientDisconnectRoute(GatewayContext context) {
        this.context = context;
    }

    static boolean matches(String path) {
        return path.startsWith(PREFIX) && path.endsWith(SUFFIX) && path.length() > PREFIX.length() + SUFFIX.length();
    }

    /** The AWS {@code disconnectReason} called {@code name}, if there is one. */
    static Optional<DisconnectReason> reasonNamed(String name) {
        return Arrays.stream(DisconnectReason.values()).filter(r -> r.name().equals(name)).findFirst();
    }

    static String unknownReason(String name) {
        return "reason '" + name + "' is not an AWS IoT disconnectReason; use one of "
                + Arrays.toString(DisconnectReason.values()) + ".";
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String clientId = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        String reasonName = AdminRoutes.param(request, "reason", DisconnectReason.API_INITIATED_DISCONNECT.name());
        Optional<DisconnectReason> reason = reasonNamed(reasonName);
        if (reason.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    unknownReason(reasonName));
            return;
        }
        Optional<MqttRelayHandler> connection = context.registry().byClientId(clientId);
        if (connection.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "No client '" + clientId + "' is connected; GET " + ClientsRoute.PATH + " lists those that are.");
            return;
        }
        connection.get().closeFromServer(reason.get()).whenComplete((done, failure) ->
                HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode()
                        .put("clientId", clientId).put("disconnectReason", reason.get().name()), null));
    }
}
