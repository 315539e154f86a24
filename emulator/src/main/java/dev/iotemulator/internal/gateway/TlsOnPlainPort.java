package dev.iotemulator.internal.gateway;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First on a plain port (HTTP/WebSocket, MQTT/TCP): a client that starts a TLS handshake there (a TLS record header,
 * {@code 16 03 xx}) is a client configured for {@code wss://} or {@code ssl://}, such as Amplify, which always uses
 * TLS. Without this it would get a 400 or a malformed-packet close and the log would not say why. It is closed
 * cleanly and logged once per client address with the fix; anything else passes through and this handler leaves
 * the pipeline.
 */
final class TlsOnPlainPort extends ByteToMessageDecoder {

    private static final Logger LOG = LoggerFactory.getLogger(TlsOnPlainPort.class);
    private static final int TLS_HANDSHAKE_RECORD = 0x16;
    private static final int TLS_MAJOR_VERSION = 0x03;

    /** Which client addresses have been told on which listener; forgotten in bulk when large, so it stays bounded. */
    static final class Logged {
        private static final int MAX_ADDRESSES = 1024;
        private final Set<String> addresses = ConcurrentHashMap.newKeySet();

        boolean firstTime(String listenerAndAddress) {
            if (addresses.size() >= MAX_ADDRESSES) {
                addresses.clear();
            }
            return addresses.add(listenerAndAddress);
        }
    }

    private final String listener;
    private final Logged logged;
    private final Supplier<String> fix;

    /** For the HTTP/WebSocket port. */
    static TlsOnPlainPort http(Gateway gateway, Logged logged) {
        return new TlsOnPlainPort("HTTP/WebSocket", logged, () -> "Use ws:// and http:// on port "
                + gateway.httpPort() + ", or wss:// and https:// on " + tlsPort(gateway.httpsPort(), "HTTPS/WSS",
                "--https-port") + "; clients that always use TLS (Amplify, the AWS IoT Device SDKs) need that port "
                + "and the emulator's CA certificate");
    }

    /** For the plain MQTT/TCP port. */
    static TlsOnPlainPort mqtt(Gateway gateway, Logged logged) {
        return new TlsOnPlainPort("MQTT", logged, () -> "Use tcp:// (no TLS) on port " + gateway.mqttPort()
                + ", or ssl:// with a client certificate on " + tlsPort(gateway.mqttsPort(), "MQTT/TLS",
                "--mqtts-port") + ", or wss:// with SigV4 on " + tlsPort(gateway.httpsPort(), "HTTPS/WSS",
                "--https-port"));
    }

    private static String tlsPort(int port, String name, String flag) {
        return port < 0 ? "the " + name + " port, which is off (start the emulator with " + flag + " <port>)"
                : "the " + name + " port " + port;
    }

    /**
     * @param listener the port's name in the log, such as {@code HTTP/WebSocket}
     * @param fix what to use instead, with the actual ports; asked only when there is something to log
     */
    TlsOnPlainPort(String listener, Logged logged, Supplier<String> fix) {
        this.listener = listener;
        this.logged = logged;
        this.fix = fix;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int first = in.getUnsignedByte(in.readerIndex());
        if (first == TLS_HANDSHAKE_RECORD && in.readableBytes() < 2) {
            return;
        }
        if (first == TLS_HANDSHAKE_RECORD && in.getUnsignedByte(in.readerIndex() + 1) == TLS_MAJOR_VERSION) {
            in.skipBytes(in.readableBytes());
            String address = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
                    && inet.getAddress() != null ? inet.getAddress().getHostAddress()
                    : String.valueOf(ctx.channel().remoteAddress());
            if (logged.firstTime(listener + " " + address)) {
                LOG.warn("event=tls_on_plain_port remote={} listener={} port={} message=\"the client started a TLS "
                        + "handshake on the plain {} port; this port speaks no TLS. {} (logged once per client "
                        + "address)\"", ctx.channel().remoteAddress(), listener, localPort(ctx), listener, fix.get());
            }
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
    }

    private static int localPort(ChannelHandlerContext ctx) {
        return ctx.channel().localAddress() instanceof InetSocketAddress local ? local.getPort() : -1;
    }
}
