package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.ConnectedClient;
import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** {@code GET /__emulator/clients}: the connected clients with their principal, transport and subscriptions. */
public final class ClientsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/clients";

    private final EmulatorAdmin admin;

    public ClientsRoute(EmulatorAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        admin.connectedClients().thenAccept(connected -> {
            ObjectNode body = HttpResponses.JSON.createObjectNode();
            ArrayNode clients = body.putArray("clients");
            for (ConnectedClient c : connected) {
                ObjectNode node = clients.addObject()
                        .put("clientId", c.clientId())
                        .put("principal", c.principal())
                        .put("transport", c.transport())
                        .put("remoteAddress", c.remoteAddress());
                ArrayNode subscriptions = node.putArray("subscriptions");
                c.subscriptions().forEach(subscriptions::add);
            }
            body.put("count", clients.size());
            HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
        });
    }
}
