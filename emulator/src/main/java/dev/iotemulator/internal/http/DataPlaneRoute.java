package dev.iotemulator.internal.http;

import dev.iotemulator.internal.dataplane.DataPlane;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.HttpCall;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Carries an HTTP request from Netty to the transport-free data plane, and its answer back. */
final class DataPlaneRoute implements Route.Handler {

    private final DataPlane dataPlane;

    DataPlaneRoute(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        String sourceIp = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        HttpCall call = new HttpCall(request.method().name(), path, q < 0 ? "" : uri.substring(q + 1), headers,
                ByteBufUtil.getBytes(request.content()), sourceIp);
        HttpAnswer answer = dataPlane.handle(call).orElseThrow();
        HttpResponses.sendJson(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), answer.errorType());
    }
}
