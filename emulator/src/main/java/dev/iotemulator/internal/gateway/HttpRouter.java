package dev.iotemulator.internal.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes requests on the HTTP port. AWS paths stay as AWS has them; the emulator's own live under /__emulator/. */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String MQTT_PATH = "/mqtt";
    static final String HEALTH_PATH = "/__emulator/health";
    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final GatewayContext context;

    HttpRouter(GatewayContext context) {
        this.context = context;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "BadRequestException",
                    "Malformed HTTP request: " + request.decoderResult().cause());
            return;
        }
        String path = new QueryStringDecoder(request.uri()).path();
        if (MQTT_PATH.equals(path) && HttpMethod.GET.equals(request.method())) {
            new MqttWebSocketUpgrade(context).handle(ctx, request, this);
        } else if (HEALTH_PATH.equals(path) && HttpMethod.GET.equals(request.method())) {
            HttpResponses.sendJson(ctx, HttpResponseStatus.OK,
                    HttpResponses.JSON.createObjectNode().put("status", "ok"), null);
        } else if (PolicyTestRoute.PATH.equals(path)
                && (HttpMethod.POST.equals(request.method()) || HttpMethod.GET.equals(request.method()))) {
            new PolicyTestRoute(context).handle(ctx, request);
        } else if (PolicyDenialsRoute.PATH.equals(path) && HttpMethod.GET.equals(request.method())) {
            new PolicyDenialsRoute(context).handle(ctx);
        } else if (AdminRoutes.dispatch(context, ctx, request, path)) {
            return;
        } else if (CognitoIdentityRoute.matches(request, path)) {
            new CognitoIdentityRoute(context.browser()).handle(ctx, request);
        } else if (PresignRoute.PATH.equals(path)) {
            new PresignRoute(context).handle(ctx, request);
        } else if (DemoPageRoute.matches(path)) {
            new DemoPageRoute().handle(ctx, request, path);
        } else if (context.dataPlane().serves(request.method().name(), DataPlaneBridge.rawPath(request))) {
            DataPlaneBridge.handle(ctx, request, context);
        } else {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "No route for " + request.method() + " " + path + ". The emulator serves GET " + MQTT_PATH
                            + " (MQTT over a SigV4-presigned WebSocket), GET " + HEALTH_PATH + ", POST or GET "
                            + PolicyTestRoute.PATH + " and GET " + PolicyDenialsRoute.PATH + ".");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.warn("event=http_error remote={} error=\"{}\"", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    /** {@code wss://} on the TLS port, {@code ws://} on the plain one. */
    static String webSocketScheme(io.netty.channel.ChannelHandlerContext ctx) {
        return ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null ? "wss://" : "ws://";
    }
}
