package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.registry.Registry;
import dev.iotemulator.internal.registry.Thing;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code GET /__emulator/things}: every thing of the registry (made by CreateThing, {@code createThing} or the
 * configuration), sorted by name, with its type, attributes and version as DescribeThing gives them, and the
 * principals and thing groups it has, for the console's registry view.
 */
public final class ThingsRoute implements Route.Handler {

    private final Registry registry;

    public ThingsRoute(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("things");
        for (Thing thing : registry.things().list(t -> true)) {
            ObjectNode node = list.addObject().put("thingName", thing.name()).put("thingId", thing.id())
                    .put("thingArn", registry.arns().thing(thing.name())).put("thingTypeName", thing.typeName())
                    .put("version", thing.version()).put("creationDate", thing.creationDate().toString());
            ObjectNode attributes = node.putObject("attributes");
            thing.attributes().forEach(attributes::put);
            ArrayNode principals = node.putArray("principals");
            registry.attachments().principalsOf(thing.name()).forEach(principals::add);
            ArrayNode groups = node.putArray("thingGroups");
            registry.thingGroups().groupsOf(thing.name()).forEach(groups::add);
        }
        body.put("count", list.size());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
