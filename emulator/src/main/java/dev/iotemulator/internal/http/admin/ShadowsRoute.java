package dev.iotemulator.internal.http.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.shadow.ShadowName;
import dev.iotemulator.internal.shadow.ShadowService;
import dev.iotemulator.internal.shadow.ShadowTopics.Operation;
import dev.iotemulator.internal.shadow.ShadowTopics.Request;
import dev.iotemulator.internal.shadow.Shadows;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Device Shadows, for the console and scripts, as the emulator itself (no SigV4, no IoT policy):
 * <ul>
 *   <li>{@code GET /__emulator/shadows}: every existing shadow, classic and named, with its version;</li>
 *   <li>{@code GET|POST|DELETE /__emulator/shadows/{thingName}[?name=<shadow>]}: GetThingShadow, UpdateThingShadow
 *       and DeleteThingShadow with AWS's documents, errors and version check ({@code "version"} in the update gives
 *       409 when the shadow has moved on); an accepted update or delete publishes the same MQTT messages as one
 *       over MQTT or HTTP ({@code /update/accepted}, {@code /update/delta}, {@code /update/documents}).</li>
 * </ul>
 */
public final class ShadowsRoute implements Route.Handler {

    public static final String PATH = "/__emulator/shadows";

    private final ShadowService shadows;

    public ShadowsRoute(ShadowService shadows) {
        this.shadows = shadows;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        if (path.equals(PATH)) {
            list(ctx);
            return;
        }
        String thing = QueryStringDecoder.decodeComponent(path.substring(PATH.length() + 1), StandardCharsets.UTF_8);
        String shadow = HttpResponses.param(request, "name", "");
        ShadowName name = shadow.isEmpty() ? ShadowName.classic(thing) : ShadowName.named(thing, shadow);
        Optional<String> problem = name.problem();
        if (problem.isPresent()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException", problem.get());
            return;
        }
        Operation operation = switch (request.method().name()) {
            case "POST" -> Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            default -> Operation.GET;
        };
        HttpAnswer answer = HttpAnswer.of(shadows.onHttp(new Request(name, operation),
                ByteBufUtil.getBytes(request.content())));
        HttpResponses.sendJson(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), answer.errorType());
    }

    private void list(ChannelHandlerContext ctx) {
        ObjectNode body = HttpResponses.JSON.createObjectNode();
        ArrayNode list = body.putArray("shadows");
        for (Shadows.Listed listed : shadows.shadows().list()) {
            list.addObject().put("thingName", listed.name().thingName())
                    .put("shadowName", listed.name().shadowName())
                    .put("version", listed.version());
        }
        body.put("count", list.size());
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, body, null);
    }
}
