package dev.iotemulator.internal.http;

import dev.iotemulator.internal.auth.LocalCredential;
import dev.iotemulator.internal.auth.Presigner;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A presigned {@code ws://} or {@code wss://} URL of this emulator's {@code /mqtt}, signed for the {@code Host} a
 * request came with: that is the host the browser that sent it will send on the WebSocket, too.
 */
public final class WebSocketUrls {

    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9.-]+|\\[[0-9A-Fa-f:.]+\\])(:\\d{1,5})?");

    private WebSocketUrls() {
    }

    /** Empty when the request has no usable {@code Host} header. */
    public static Optional<String> presignedFor(ChannelHandlerContext ctx, FullHttpRequest request,
            LocalCredential credential, String region, Instant now, long expiresSeconds) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        return Optional.of(HttpRouter.webSocketScheme(ctx) + host + HttpRoutes.MQTT_PATH + "?"
                + Presigner.presignQuery(host, HttpRoutes.MQTT_PATH, credential, region, now, expiresSeconds));
    }
}
