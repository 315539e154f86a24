package dev.iotemulator.internal.gateway;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** {@code GET /__emulator/clients}: the connected clients with their principal, transport and subscriptions. */
final class ClientsRoute {

    static final String PATH = "/__emulator/clients";

    private final GatewayContext context;

    ClientsRoute(GatewayContext context) {
        this.context = context;
    }

    /** Every connected client, once each connection has described itself on its own event loop. */
    static CompletableFuture<List<ConnectedClient>> describeAll(GatewayContext context) {
        List<CompletableFuture<Optional<ConnectedClient>>> described = context.registry().connections().stream()
                .map(MqttRelayHandler::describe).toList();
        return CompletableFuture.allOf(described.toArray(CompletableFuture[]::new)).handle((done, failure) ->
                described.stream().map(one -> one.getNow(Optional.empty())).flatMap(Optional::stream).toList());
    }

    void handle(ChannelHandlerContext ctx) {
        describeAll(context).thenAccept(connected -> {
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
