package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.tls.ServerTls;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;

/**
 * The HTTPS port after the TLS handshake: MQTT with a client certificate when the client asked for ALPN
 * {@value ServerTls#ALPN_MQTT}, as AWS IoT does on port 443; HTTPS and WSS otherwise.
 */
final class TlsNegotiation extends ApplicationProtocolNegotiationHandler {

    private final GatewayContext context;
    private final TlsHandshakeLog log;

    TlsNegotiation(GatewayContext context) {
        super(ApplicationProtocolNames.HTTP_1_1);
        this.context = context;
        this.log = new TlsHandshakeLog(context);
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
        if (ServerTls.ALPN_MQTT.equals(protocol)) {
            MqttPipeline.addMqttHandlers(ctx.pipeline(), context, null, MqttPipeline.MTLS);
        } else {
            Gateway.addHttpHandlers(ctx.pipeline(), context);
        }
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
        log.failed(ctx, cause);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.exceptionCaught(ctx, cause);
    }
}
