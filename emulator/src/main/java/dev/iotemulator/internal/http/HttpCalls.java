package dev.iotemulator.internal.http;

import dev.iotemulator.internal.dataplane.HttpCall;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns a Netty request into the transport-free {@link HttpCall} the data and control planes answer. */
final class HttpCalls {

    private HttpCalls() {
    }

    static HttpCall of(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(h.getValue()));
        String sourceIp = ctx.channel().remoteAddress() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
        return new HttpCall(request.method().name(), path, q < 0 ? "" : uri.substring(q + 1), headers,
                ByteBufUtil.getBytes(request.content()), sourceIp);
    }
}
