package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.tls.ServerTls;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslClientHelloHandler;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;

/**
 * The HTTPS port's first step: reads the client's TLS ClientHello before the TLS engine exists, because whether to
 * ask for a client certificate depends on it. AWS IoT's port 443 asks only on its MQTT-over-TLS path (ALPN
 * {@value ServerTls#ALPN_MQTT}); a WSS or HTTPS client is never asked, and some TLS stacks (s2n in awscrt 0.16) fail
 * the handshake when asked for a certificate they do not have. The handler then replaces itself with the TLS engine,
 * which gets the ClientHello as it arrived.
 */
final class HttpsClientHello extends SslClientHelloHandler<Boolean> {

    private static final int ALPN_EXTENSION = 16;

    private final ServerTls tls;
    private final String peerHost;
    private final int peerPort;

    HttpsClientHello(ServerTls tls, String peerHost, int peerPort) {
        this.tls = tls;
        this.peerHost = peerHost;
        this.peerPort = peerPort;
    }

    @Override
    protected Future<Boolean> lookup(ChannelHandlerContext ctx, ByteBuf clientHello) {
        return ctx.executor().newSucceededFuture(clientHello != null && offersMqttAlpn(clientHello));
    }

    @Override
    protected void onLookupComplete(ChannelHandlerContext ctx, Future<Boolean> offersMqtt) {
        ctx.pipeline().replace(this, "tls", tls.httpsHandler(peerHost, peerPort, Boolean.TRUE.equals(
                offersMqtt.getNow())));
    }

    /**
     * Whether the ClientHello body (RFC 8446 §4.1.2: version, random, session id, cipher suites, compression
     * methods, extensions) offers {@value ServerTls#ALPN_MQTT} in its ALPN extension (RFC 7301). A malformed hello
     * offers nothing; the TLS engine then fails it with its own error.
     */
    static boolean offersMqttAlpn(ByteBuf hello) {
        try {
            int at = hello.readerIndex() + 2 + 32;
            at += 1 + hello.getUnsignedByte(at);
            at += 2 + hello.getUnsignedShort(at);
            at += 1 + hello.getUnsignedByte(at);
            int end = at + 2 + hello.getUnsignedShort(at);
            at += 2;
            while (at + 4 <= end) {
                int type = hello.getUnsignedShort(at);
                int length = hello.getUnsignedShort(at + 2);
                if (type == ALPN_EXTENSION) {
                    return listsMqtt(hello, at + 4 + 2, at + 4 + length);
                }
                at += 4 + length;
            }
            return false;
        } catch (IndexOutOfBoundsException malformed) {
            return false;
        }
    }

    private static boolean listsMqtt(ByteBuf hello, int from, int to) {
        for (int at = from; at < to; ) {
            int length = hello.getUnsignedByte(at);
            if (ServerTls.ALPN_MQTT.equals(hello.toString(at + 1, length, StandardCharsets.US_ASCII))) {
                return true;
            }
            at += 1 + length;
        }
        return false;
    }
}
