package dev.iotemulator.internal.http.admin;

import dev.iotemulator.internal.admin.EmulatorAdmin;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.pipeline.Outcome;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code POST /__emulator/publish?topic=<topic>&qos=0|1&retain=true|false}: publishes the request body as the
 * emulator itself, to every subscriber the topic matches, with no IoT policy check on the publishing side; see
 * {@link EmulatorAdmin#publish}.
 */
public final class ServerPublishRoute implements Route.Handler {

    public static final String PATH = "/__emulator/publish";

    private final EmulatorAdmin admin;

    public ServerPublishRoute(EmulatorAdmin admin) {
        this.admin = admin;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String topic = HttpResponses.param(request, "topic", "");
        String qosText = HttpResponses.param(request, "qos", "0");
        boolean retain = Boolean.parseBoolean(HttpResponses.param(request, "retain", "false"));
        if (!"0".equals(qosText) && !"1".equals(qosText)) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    "qos must be 0 or 1 (AWS IoT has no QoS 2), not '" + qosText + "'.");
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(request.content());
        int qos = Integer.parseInt(qosText);
        if (admin.publish(topic, payload, qos, retain) instanceof Outcome.Invalid invalid) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException",
                    invalid.problem());
            return;
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode()
                .put("topic", topic).put("qos", qos).put("retain", retain).put("bytes", payload.length), null);
    }
}
