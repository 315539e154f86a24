package dev.iotemulator.internal.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.broker.BrokerHealth;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.function.Supplier;

/**
 * {@code GET /__emulator/health}: {@code 200 {"status":"ok"}} while the embedded broker routes messages;
 * {@code 503 {"status":"unhealthy","reason":"..."}} once it cannot (a broker thread has stopped, or the canary round
 * trip failed), so the Docker health check and {@code RemoteEmulator.awaitHealthy} see it.
 */
final class HealthRoute implements Route.Handler {

    private final Supplier<BrokerHealth> broker;

    HealthRoute(Supplier<BrokerHealth> broker) {
        this.broker = broker;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        BrokerHealth health = broker.get();
        ObjectNode body = HttpResponses.JSON.createObjectNode().put("status", health.healthy() ? "ok" : "unhealthy");
        if (!health.healthy()) {
            body.put("reason", health.reason());
        }
        HttpResponses.sendJson(ctx, health.healthy() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                body, null);
    }
}
