package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.logging.RateLimitedLog;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} client connections at once, over every listener: one more is closed as soon as it is accepted,
 * with a log line, so that a flood of connections cannot use up the process's file descriptors and stop the health
 * check, the admin API and every other client with them.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

    static final String NAME = "connection-limit";

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final RateLimitedLog log;

    ConnectionLimit(int max, RateLimitedLog log) {
        this.max = max;
        this.log = log;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (open.incrementAndGet() > max) {
            log.count("event=connection_refused reason=CONNECTION_LIMIT limit=" + max + " message=\"connections "
                    + "closed at once because " + max + " were already open; raise --max-connections "
                    + "(IOT_EMULATOR_MAX_CONNECTIONS) or close idle clients\"");
            ctx.close();
            return;
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        open.decrementAndGet();
        ctx.fireChannelInactive();
    }

    int open() {
        return open.get();
    }
}
