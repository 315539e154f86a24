package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.connection.MqttConnectionHandler.ClientClosedWebSocket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Carries MQTT over binary WebSocket frames: inbound frames (already aggregated) become bytes for the MQTT decoder,
 * outbound bytes become binary frames. A client's close frame is announced as {@link ClientClosedWebSocket} first,
 * because AWS IoT counts it as a client-initiated disconnect.
 */
final class WebSocketMqttFrames extends ChannelDuplexHandler {

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame frame) {
            ctx.fireChannelRead(frame.content());
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            ctx.fireUserEventTriggered(ClientClosedWebSocket.INSTANCE);
            ctx.writeAndFlush(close.retainedDuplicate()).addListener(ChannelFutureListener.CLOSE);
            close.release();
        } else if (msg instanceof WebSocketFrame other) {
            other.release();
            if (!(other instanceof PongWebSocketFrame)) {
                ctx.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.INVALID_MESSAGE_TYPE,
                        "MQTT over WebSocket uses binary frames")).addListener(ChannelFutureListener.CLOSE);
            }
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf bytes) {
            ctx.write(new BinaryWebSocketFrame(bytes), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
