package dev.iotemulator.internal.http;

import dev.iotemulator.internal.controlplane.ControlPlane;
import dev.iotemulator.internal.dataplane.HttpAnswer;
import dev.iotemulator.internal.dataplane.HttpCall;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Carries a request from Netty to the transport-free control plane and its answer back. Operations run off the I/O
 * threads that other clients share: some take tens of milliseconds (an RSA key pair) or wait for the CA.
 */
final class ControlPlaneRoute implements Route.Handler {

    private static final ExecutorService OPERATIONS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "iot-control-plane");
        t.setDaemon(true);
        return t;
    });

    private final ControlPlane controlPlane;

    ControlPlaneRoute(ControlPlane controlPlane) {
        this.controlPlane = controlPlane;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        HttpCall call = HttpCalls.of(ctx, request, path);
        CompletableFuture.supplyAsync(() -> controlPlane.handle(call), OPERATIONS)
                .whenComplete((answer, failure) -> ctx.executor().execute(() -> {
                    if (failure != null) {
                        HttpResponses.sendError(ctx, HttpResponseStatus.INTERNAL_SERVER_ERROR,
                                "InternalFailureException", "The operation failed in the emulator: " + failure);
                    } else {
                        send(ctx, answer.orElseThrow());
                    }
                }));
    }

    /** Answers a request no route serves when it is signed for the control plane; false when it is not. */
    boolean answerUnrouted(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        Optional<HttpAnswer> answer = controlPlane.notEmulated(HttpCalls.of(ctx, request, path));
        answer.ifPresent(a -> send(ctx, a));
        return answer.isPresent();
    }

    private static void send(ChannelHandlerContext ctx, HttpAnswer answer) {
        HttpResponses.sendJson(ctx, HttpResponseStatus.valueOf(answer.status()), answer.body(), answer.errorType());
    }
}
