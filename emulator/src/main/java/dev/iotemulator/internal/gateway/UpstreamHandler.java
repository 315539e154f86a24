package dev.iotemulator.internal.gateway;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The broker side of one relayed connection: hands everything the broker sends to the client's relay handler. */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamHandler.class);
    private final MqttRelayHandler relay;

    UpstreamHandler(MqttRelayHandler relay) {
        this.relay = relay;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof MqttMessage mqtt && mqtt.decoderResult().isSuccess()) {
            relay.fromBroker(mqtt);
        } else {
            ReferenceCountUtil.release(msg);
            LOG.error("event=broker_sent_undecodable_packet clientId={}", relay.clientId());
            ctx.close();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        relay.brokerWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        relay.brokerClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            LOG.warn("event=broker_link_error clientId={} error=\"{}\"", relay.clientId(), cause.toString());
        }
        ctx.close();
    }
}
