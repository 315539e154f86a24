package dev.iotemulator.internal.http.console;

import dev.iotemulator.internal.authz.DenialLog;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.journal.Journal;
import dev.iotemulator.internal.refusals.RefusalLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/**
 * {@code GET /__emulator/console/events}: the console's live view, as server-sent events ({@code text/event-stream},
 * what a browser's {@code EventSource} reads): every publish from every source, connects and subscriptions, policy
 * denials and refusals, starting with the latest of each ({@link LiveFeed}). The response never ends; closing the
 * connection ends it.
 */
public final class EventStreamRoute implements Route.Handler {

    public static final String PATH = "/__emulator/console/events";

    private final Journal journal;
    private final DenialLog denials;
    private final RefusalLog refusals;

    public EventStreamRoute(Journal journal, DenialLog denials, RefusalLog refusals) {
        this.journal = journal;
        this.denials = denials;
        this.refusals = refusals;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set("X-Content-Type-Options", "nosniff");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        new LiveFeed(ctx.channel(), journal, denials, refusals).start();
    }
}
