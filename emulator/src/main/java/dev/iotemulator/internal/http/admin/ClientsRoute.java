package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.ConnectedClient;
import dev.iotemulator.internal.admin.ClientDetails;
import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.mqtt.KeepAlive;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/clients}: the connected clients with their principal, transport, subscriptions, MQTT protocol
 * level, keep-alive (asked for and as AWS's bounds make it), when they connected, and their session's queue.
 */
public final class ClientsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/clients";

    private final EmulatorAdmin admin;

    public ClientsRoute(EmulatorAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        admin.clientDetails().thenAccept(connected -> {
            ObjectNode body = HttpResponses.JSON.createObjectNode();
            ArrayNode clients = body.putArray("clients");
            for (ClientDetails details : connected) {
                ConnectedClient c = details.client();
                ObjectNode node = clients.addObject()
                        .put("clientId", c.clientId())
                        .put("principal", c.principal())
                        .put("transport", c.transport())
                        .put("remoteAddress", c.remoteAddress());
                ArrayNode subscriptions = node.putArray("subscriptions");
                c.subscriptions().forEach(subscriptions::add);
                node.put("protocolVersion", details.protocolVersion())
                        .put("keepAliveSeconds", details.keepAliveSeconds())
                        .put("keepAliveEffectiveSeconds", KeepAlive.clamp(details.keepAliveSeconds()))
                        .put("connectedAt", details.connectedAt() == null ? null : details.connectedAt().toString())
                        .put("queued", details.queued())
                        .put("inFlight", details.inFlight());
            }
            body.put("count", clients.size());
            HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
        });
    }
}
