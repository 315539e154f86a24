package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.logging.LogValues;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iotemulator.internal.auth.SignedRequest;
import dev.iotemulator.internal.authz.ConnectionIdentity;
import dev.iotemulator.internal.core.Core;
import dev.iotemulator.internal.http.HttpResponses;
import dev.iotemulator.internal.http.HttpRouter;
import dev.iotemulator.internal.http.HttpRoutes;
import dev.iotemulator.internal.http.Route;
import dev.iotemulator.internal.refusals.RefusalLog;
import dev.iotemulator.internal.auth.Verification;
import dev.iotemulator.internal.auth.Verification.Refused;
import dev.iotemulator.internal.auth.Verification.Verified;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /mqtt}: checks the SigV4 presigned query, answers 403 with the reason when it is wrong, and otherwise
 * upgrades to a WebSocket that carries MQTT ({@code mqtt} and {@code mqttv3.1} subprotocols, echoed as AWS does).
 */
final class MqttWebSocketUpgrade implements Route.Handler {

    static final String SUBPROTOCOLS = "mqtt,mqttv3.1,mqttv3.1.1";
    private static final Logger LOG = LoggerFactory.getLogger(MqttWebSocketUpgrade.class);

    private final Core core;
    private final Transports transports;

    MqttWebSocketUpgrade(Core core, Transports transports) {
        this.core = core;
        this.transports = transports;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String path) {
        SignedRequest signed = toSignedRequest(request);
        Verification verification = core.verifier().verify(signed);
        if (verification instanceof Refused refused) {
            refuse(ctx, refused, signed.claimedAccessKeyId().orElse(null));
            return;
        }
        Verified verified = (Verified) verification;
        if (!isWebSocketUpgrade(request)) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "BadRequestException",
                    "The signature is valid, but GET /mqtt must be a WebSocket upgrade (Upgrade: websocket) that "
                            + "carries MQTT; this request is a plain HTTP GET.");
            return;
        }
        String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (version == null || request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY) == null) {
            HttpResponses.sendError(ctx, HttpResponseStatus.BAD_REQUEST, "BadRequestException",
                    "The signature is valid, but the WebSocket upgrade has no " + (version == null
                            ? "Sec-WebSocket-Version" : "Sec-WebSocket-Key") + " header; a WebSocket client "
                            + "(RFC 6455, version 13) sends both.");
            return;
        }
        if (!version.trim().equals("13")) {
            HttpResponses.send(ctx, HttpResponseStatus.UPGRADE_REQUIRED, new byte[0],
                    h -> h.set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13"));
            return;
        }
        WebSocketDecoderConfig decoderConfig = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(core.settings().maxWebSocketFrameBytes())
                .allowExtensions(false)
                .build();
        WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                HttpRouter.webSocketScheme(ctx) + request.headers().get(HttpHeaderNames.HOST) + HttpRoutes.MQTT_PATH, SUBPROTOCOLS,
                decoderConfig).newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        ConnectionIdentity identity = ConnectionIdentity.sigV4(verified.credential());
        ChannelPipeline pipeline = ctx.pipeline();
        handshaker.handshake(ctx.channel(), request);
        pipeline.replace(Transports.HTTP_ROUTER, "ws-aggregator",
                new WebSocketFrameAggregator(core.settings().maxWebSocketFrameBytes()));
        pipeline.addAfter("ws-aggregator", "ws-mqtt-frames", new WebSocketMqttFrames());
        transports.mqtt(pipeline, identity, "wss");
        LOG.debug("event=websocket_upgraded remote={} accessKeyId={} subprotocol={}", ctx.channel().remoteAddress(),
                identity.principal(), handshaker.selectedSubprotocol());
    }

    private void refuse(ChannelHandlerContext ctx, Refused refused, String accessKeyId) {
        ObjectNode body = HttpResponses.JSON.createObjectNode()
                .put("message", refused.message())
                .put("reason", refused.reason().name());
        Map<String, String> details = new LinkedHashMap<>();
        details.put("request", "GET " + HttpRoutes.MQTT_PATH + " (MQTT over WebSocket)");
        if (refused.canonicalRequest() != null) {
            details.put("canonicalRequest", refused.canonicalRequest());
            details.put("stringToSign", refused.stringToSign());
            body.put("canonicalRequest", refused.canonicalRequest()).put("stringToSign", refused.stringToSign());
            LOG.warn("event=websocket_refused reason={} remote={} message=\"{}\"\ncanonicalRequest:\n{}\nstringToSign:\n{}",
                    refused.reason(), ctx.channel().remoteAddress(), LogValues.escape(refused.message()),
                    refused.canonicalRequest(),
                    refused.stringToSign());
        } else {
            LOG.warn("event=websocket_refused reason={} remote={} message=\"{}\"", refused.reason(),
                    ctx.channel().remoteAddress(), LogValues.escape(refused.message()));
        }
        core.refusals().record(RefusalLog.Kind.SIGV4, refused.reason().name(), refused.message(), null, accessKeyId,
                String.valueOf(ctx.channel().remoteAddress()), details);
        HttpResponses.sendJson(ctx, HttpResponseStatus.FORBIDDEN, body, "ForbiddenException");
    }

    private static boolean isWebSocketUpgrade(FullHttpRequest request) {
        return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }

    static SignedRequest toSignedRequest(FullHttpRequest request) {
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? "" : uri.substring(q + 1);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            headers.computeIfAbsent(header.getKey().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(header.getValue());
        }
        return new SignedRequest(request.method().name(), path, query, headers);
    }
}
