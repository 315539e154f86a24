package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.mqtt.RetainedStore;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.Comparator;

/**
 * {@code GET /__emulator/retained}: every retained message, sorted by topic, with its payload (UTF-8 text or base64,
 * as {@code payloadEncoding} says), QoS and when it was last set. A retained message is deleted as at AWS: publish an
 * empty retained message to its topic ({@code POST /__emulator/publish}).
 */
public final class RetainedRoute implements Route.Handler {

    public static final String PATH = "/__emulator/retained";

    private final RetainedStore retained;

    public RetainedRoute(RetainedStore retained) {
        this.retained = retained;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("retained");
        retained.list().stream().sorted(Comparator.comparing(RetainedStore.Retained::topic)).forEach(r -> {
            ObjectNode node = list.addObject().put("topic", r.topic()).put("qos", r.qos())
                    .put("lastModified", Instant.ofEpochMilli(r.lastModifiedMillis()).toString())
                    .put("payloadSize", r.payload().length);
            AdminJson.payload(r.payload(), node);
        });
        body.put("count", list.size());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
