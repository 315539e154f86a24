package dev.iotemulator.internal.broker;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import io.moquette.broker.InflightResender;
import java.nio.channels.ClosedChannelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette's side of the in-process links: a {@link LocalServerChannel} whose accepted channels run Moquette's MQTT
 * handler. Each accepted channel is registered on the event loop of the link that opened it, so a message crosses
 * from the gateway to Moquette without a thread hop, as it would inside Moquette's own acceptor.
 */
final class InProcessAcceptor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessAcceptor.class);

    private final LocalServerChannel server;
    private final LocalAddress address;

    private InProcessAcceptor(LocalServerChannel server, LocalAddress address) {
        this.server = server;
        this.address = address;
    }

    /** Binds a fresh local address served by {@code moquetteHandler}; {@code loop} runs only the accepting. */
    static InProcessAcceptor bind(EventLoop loop, ChannelHandler moquetteHandler) {
        LocalServerChannel server = new ColocatingServerChannel();
        server.pipeline().addLast(new Acceptor(moquetteHandler));
        loop.register(server).syncUninterruptibly();
        server.bind(LocalAddress.ANY).syncUninterruptibly();
        return new InProcessAcceptor(server, server.localAddress());
    }

    LocalAddress address() {
        return address;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
    }

    /** Remembers the event loop of the link each accepted channel belongs to. */
    private static final class ColocatingServerChannel extends LocalServerChannel {
        @Override
        protected LocalChannel newLocalChannel(LocalChannel peer) {
            return new BrokerSideChannel(this, peer);
        }
    }

    private static final class BrokerSideChannel extends LocalChannel {
        private final EventLoop peerLoop;

        BrokerSideChannel(LocalServerChannel parent, LocalChannel peer) {
            super(parent, peer);
            this.peerLoop = peer.eventLoop();
        }
    }

    private static final class Acceptor extends ChannelInboundHandlerAdapter {
        private final ChannelHandler moquetteHandler;

        Acceptor(ChannelHandler moquetteHandler) {
            this.moquetteHandler = moquetteHandler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            BrokerSideChannel child = (BrokerSideChannel) msg;
            // Moquette drops a PUBACK or a QoS 0 message it cannot write at once; the gateway reads everything the
            // broker writes without delay, so the link never reports itself full.
            child.config().setWriteBufferWaterMark(new WriteBufferWaterMark(Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
            child.pipeline().addLast("guard", BrokerSideGuard.INSTANCE).addLast("moquette", moquetteHandler);
            child.peerLoop.register(child).addListener(f -> {
                if (!f.isSuccess()) {
                    child.unsafe().closeForcibly();
                }
            });
        }
    }

    /**
     * Sits before Moquette's handler. Moquette resends an unacknowledged delivery every 5 s; the gateway acknowledges
     * each delivery as it reads it, so a resend could only arrive as a duplicate, and its timer's event stops here.
     * A write to a link the gateway has just closed fails with a closed-channel error that Moquette would log at
     * ERROR with a stack trace; it is an ordinary end of a session, so it stops here too.
     */
    @ChannelHandler.Sharable
    private static final class BrokerSideGuard extends ChannelInboundHandlerAdapter {
        static final BrokerSideGuard INSTANCE = new BrokerSideGuard();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (!(evt instanceof InflightResender.ResendNotAckedPublishes)) {
                ctx.fireUserEventTriggered(evt);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof ClosedChannelException) {
                LOG.debug("event=broker_wrote_to_closed_link error=\"{}\"", cause.toString());
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }
}
