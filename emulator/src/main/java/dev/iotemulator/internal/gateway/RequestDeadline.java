package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.logging.RateLimitedLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Sits behind the HTTP aggregator: the client has {@code timeout} from connecting to send a whole request (headers
 * and body), or the connection is closed. Without it a client that sends half a request line, or nothing, holds a
 * descriptor for ever (a few thousand of them stop everyone else). It leaves once a request is complete: a WebSocket
 * upgrade then has the MQTT CONNECT time-out, and an answered request closes its connection.
 */
final class RequestDeadline extends ChannelInboundHandlerAdapter {

    static final String NAME = "http-request-deadline";

    private final Duration timeout;
    private final RateLimitedLog log;
    private ScheduledFuture<?> deadline;

    RequestDeadline(Duration timeout, RateLimitedLog log) {
        this.timeout = timeout;
        this.log = log;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        deadline = ctx.executor().schedule(() -> {
            if (ctx.channel().isActive()) {
                log.count("event=http_request_timeout message=\"connections closed because no complete HTTP request "
                        + "came within " + timeout.toMillis() + " ms of connecting (--http-request-timeout-seconds)\"");
                ctx.close();
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            ctx.pipeline().remove(this);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
