package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.tls.ServerTls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The HTTPS port after the TLS handshake: MQTT with a client certificate when the client asked for ALPN
 * {@value ServerTls#ALPN_MQTT}, as AWS IoT does on port 443; HTTPS and WSS otherwise. Anything read before the
 * pipeline is chosen is held and passed on afterwards.
 */
final class TlsNegotiation extends ChannelInboundHandlerAdapter {

    private final Transports transports;
    private final TlsHandshakeLog log;
    private final Queue<Object> held = new ArrayDeque<>();
    private boolean configured;

    TlsNegotiation(Transports transports) {
        this.transports = transports;
        this.log = new TlsHandshakeLog(transports.core());
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done && !configured) {
            if (!done.isSuccess()) {
                log.failed(ctx, done.cause());
                return;
            }
            configured = true;
            String protocol = ctx.pipeline().get(SslHandler.class).engine().getApplicationProtocol();
            if (ServerTls.ALPN_MQTT.equals(protocol)) {
                transports.mqtt(ctx.pipeline(), null, Transports.MTLS);
            } else {
                transports.http(ctx.pipeline());
            }
            ctx.pipeline().remove(this);
            while (!held.isEmpty()) {
                ctx.fireChannelRead(held.poll());
            }
            ctx.fireChannelReadComplete();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (configured) {
            ctx.fireChannelRead(msg);
        } else {
            held.add(msg);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!configured) {
            held.forEach(io.netty.util.ReferenceCountUtil::release);
            held.clear();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.exceptionCaught(ctx, cause);
    }
}
