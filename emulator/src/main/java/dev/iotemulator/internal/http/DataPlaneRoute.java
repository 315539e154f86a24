package dev.iotemulator.internal.http;

import dev.iotemulator.internal.dataplane.DataPlane;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Carries an HTTP request from Netty to the transport-free data plane, and its answer back. */
final class DataPlaneRoute implements Route.Handler {

    private final DataPlane dataPlane;

    DataPlaneRoute(DataPlane dataPlane) {
        this.dataPlane = dataPlane;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        HttpAnswer answer = dataPlane.handle(HttpCalls.of(ctx, request, path)).orElseThrow();
        HttpResponses.sendJson(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), answer.errorType());
    }
}
