package dev.iotemulator.internal.http;

import dev.iotemulator.internal.logging.LogValues;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers requests on the HTTP and HTTPS ports from the one {@link HttpRoutes} table: the first route whose path
 * matches serves the request, 405 when its methods do not include the request's, 404 listing every route when no
 * path matches.
 */
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final HttpRoutes routes;

    public HttpRouter(HttpRoutes routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "BadRequestException",
                    "Malformed HTTP request: " + (cause.getMessage() == null ? "it cannot be parsed"
                            : cause.getMessage()));
            return;
        }
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String method = request.method().name();
        List<Route> onPath = routes.all().stream().filter(r -> r.paths().test(path)).toList();
        Optional<Route> route = onPath.stream().filter(r -> r.allows(method)).findFirst();
        // The emulator's own routes never answer with a wildcard CORS header; AWS's (data plane, WebSocket) do.
        HttpResponses.wildcardCors(ctx, !path.startsWith(HttpRoutes.EMULATOR_PREFIX));
        if (route.isPresent() && routes.isAdmin(route.get())) {
            Optional<AdminAccess.Refusal> refusal = routes.adminAccess().check(ctx, request, path);
            if (refusal.isPresent()) {
                AdminAccess.Refusal r = refusal.get();
                HttpResponses.sendJson(ctx, r.status(), HttpResponses.JSON.createObjectNode()
                        .put("message", r.message()).put("reason", r.reason()), r.errorType());
                return;
            }
        }
        if (route.isPresent()) {
            route.get().handler().handle(ctx, request, path);
        } else if (routes.answerUnrouted(ctx, request, path)) {
            return;
        } else if (!onPath.isEmpty()) {
            HttpResponses.sendError(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "MethodNotAllowedException",
                    method + " is not served on " + path + "; use " + String.join(" or ", onPath.stream()
                            .map(r -> String.join("|", r.methods()) + " " + r.template()).toList()) + ".");
        } else {
            HttpResponses.sendError(ctx, HttpResponseStatus.NOT_FOUND, "ResourceNotFoundException",
                    "No route for " + method + " " + path + ". The emulator serves: " + routes.describe() + ".");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.warn("event=http_error remote={} error=\"{}\"", ctx.channel().remoteAddress(),
                    LogValues.escape(cause.toString()));
        }
        ctx.close();
    }

    /** {@code https://} on the TLS port, {@code http://} on the plain one. */
    public static String httpScheme(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(SslHandler.class) != null ? "https://" : "http://";
    }

    /** {@code wss://} on the TLS port, {@code ws://} on the plain one. */
    public static String webSocketScheme(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(SslHandler.class) != null ? "wss://" : "ws://";
    }
}
