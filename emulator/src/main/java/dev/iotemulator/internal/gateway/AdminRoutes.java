package dev.iotemulator.internal.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;

/**
 * The emulator's admin routes for tests and tools, under {@code /__emulator/}. Unauthenticated: they are reachable
 * wherever the HTTP port is bound, 127.0.0.1 unless configured otherwise.
 */
final class AdminRoutes {

    private AdminRoutes() {
    }

    /** Serves {@code request} if it is an admin route; false otherwise. */
    static boolean dispatch(GatewayContext context, ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        HttpMethod method = request.method();
        if (ResetRoute.PATH.equals(path) && HttpMethod.POST.equals(method)) {
            new ResetRoute(context).handle(ctx);
        } else if (JournalRoute.PATH.equals(path) && HttpMethod.GET.equals(method)) {
            new JournalRoute(context).handle(ctx, request);
        } else if (ClientsRoute.PATH.equals(path) && HttpMethod.GET.equals(method)) {
            new ClientsRoute(context).handle(ctx);
        } else if (ClientDisconnectRoute.matches(path) && HttpMethod.POST.equals(method)) {
            new ClientDisconnectRoute(context).handle(ctx, request, path);
        } else if (ServerPublishRoute.PATH.equals(path) && HttpMethod.POST.equals(method)) {
            new ServerPublishRoute(context).handle(ctx, request);
        } else if (CertificatesRoute.matches(path)) {
            new CertificatesRoute(context).handle(ctx, request, path);
        } else {
            return false;
        }
        return true;
    }

    /** A query parameter's first value, or {@code otherwise}. */
    static String param(FullHttpRequest request, String name, String otherwise) {
        var values = new io.netty.handler.codec.http.QueryStringDecoder(request.uri()).parameters().get(name);
        return values == null || values.isEmpty() ? otherwise : values.get(0);
    }
}
