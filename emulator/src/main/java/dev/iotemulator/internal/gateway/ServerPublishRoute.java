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

    /** Why {@code topic} and {@code qos} cannot be published as the server; null when they can. */
    static String invalid(String topic, String qos) {
        if (topic == null || topic.isEmpty() || topic.contains("+") || topic.contains("#")) {
            return "topic must be a topic name without wildcards, such as devices/d1/commands, not '" + topic + "'.";
        }
        if (!"0".equals(qos) && !"1".equals(qos)) {
            return "qos must be 0 or 1 (AWS IoT has no QoS 2), not '" + qos + "'.";
        }
        return null;
    }

    /**
     * Retains (if asked), journals and publishes a message as the emulator itself; false when the embedded broker
     * has not started yet. {@link #invalid} must have passed.
     */
    static boolean publish(GatewayContext context, String topic, byte[] payload, int qos, boolean retain) {
        ServerPublisher publisher = context.broker().publisher();
        if (publisher == null) {
            return false;
        }
        if (retain) {
            context.retained().retain(topic, payload, qos, System.currentTimeMillis());
        }
        context.journal().publish(null, null, topic, payload, qos, retain);
        publisher.publish(topic, payload, qos);
        return true;
    }

    void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        String topic = AdminRoutes.param(request, "topic", "");
        String qosText = AdminRoutes.param(request, "qos", "0");
        boolean retain = Boolean.parseBoolean(AdminRoutes.param(request, "retain", "false"));
        String invalid = invalid(topic, qosText);
        if (invalid != null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "InvalidRequestException", invalid);
            return;
        }
        byte[] payload = ByteBufUtil.getBytes(request.content());
        int qos = Integer.parseInt(qosText);
        if (!publish(context, topic, payload, qos, retain)) {
            HttpResponses.sendError(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "ServiceUnavailableException",
                    "The embedded broker has not started yet.");
            return;
        }
        HttpResponses.sendJson(ctx, HttpResponseStatus.OK, HttpResponses.JSON.createObjectNode()
                .put("topic", topic).put("qos", qos).put("retain", retain).put("bytes", payload.length), null);
    }
}
