package dev.iotemulator.internal.gateway;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * {@code POST /__emulator/publish?topic=<topic>&qos=0|1&retain=true|false}: publishes the request body as the
 * emulator itself, to every subscriber the topic matches, with no IoT policy check on the publishing side.
 */
final class ServerPublishRoute {

    static final String PATH = "/__emulator/publish";

    private final GatewayContext context;

    ServerPublishRoute(GatewayContext context) {
        this.context = context;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        String topic = AdminRoutes.param(request, "topic", "");
        String qosText = AdminRoutes.param(request, "qos", "0");
        boolean retain = Boolean.parseBoolean(AdminRoutes.param(request, "retain", "false"));
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            badRequest(ctx, "topic must be a topic name without wildcards, as in " + PATH
                    + "?topic=devices/d1/commands&qos=1, not '" + topic + "'.");
            return;
        }
        if (!qosText.equals("0") && !qosText.equals("1")) {
            badRequest(ctx, "qos must be 0 or 1 (AWS IoT has no QoS 2), not '" + qosText + "'.");
            return;
        }
        ServerPublisher publisher = context.broker().publisher();
        if (publisher == null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException",
                    "The embedded broker has not started yet.");
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(request.content());
        int qos = Integer.parseInt(qosText);
        if (retain) {
            context.retained().retain(topic, payload, qos, System.currentTimeMillis());
        }
        context.journal().publish(null, null, topic, payload, qos, retain);
        publisher.publish(topic, payload, qos);
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode()
                .put("topic", topic).put("qos", qos).put("retain", retain).put("bytes", payload.length), null);
    }

    private static void badRequest(ChannelHandlerContext ctx, String message) {
        HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException", message);
    }
}
