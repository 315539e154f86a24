package dev.iotemulator.internal.gateway;

import dev.iotemulator.internal.core.Core;
import dev.iotemulator.internal.tls.ClientCertificateTrust;
import dev.iotemulator.internal.refusals.RefusalLog;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a failed TLS handshake into one log line that says what probably went wrong, instead of a stack trace, and
 * keeps TLS errors from reaching the MQTT or HTTP handlers. A refused client certificate has already been logged
 * with its reason by {@link ClientCertificateTrust}.
 */
final class TlsHandshakeLog extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(TlsHandshakeLog.class);

    private final Core core;
    private boolean logged;

    TlsHandshakeLog(Core core) {
        this.core = core;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                failed(ctx, done.cause());
                return;
            }
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof SSLException
                || cause instanceof SSLException) {
            failed(ctx, cause);
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    void failed(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
        if (logged) {
            return;
        }
        logged = true;
        String remote = String.valueOf(ctx.channel().remoteAddress());
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof ClientCertificateTrust.RefusedCertificateException refused) {
                core.refusals().record(RefusalLog.Kind.TLS, "CLIENT_CERTIFICATE_REFUSED", refused.getMessage(), null,
                        null, remote, Map.of());
                return;
            }
        }
        String error = rootMessage(cause);
        String hint = hint(cause);
        LOG.warn("event=tls_handshake_failed remote={} error=\"{}\" hint=\"{}\"", remote, error, hint);
        core.refusals().record(RefusalLog.Kind.TLS, "HANDSHAKE_FAILED", hint, null, null, remote,
                Map.of("error", error));
    }

    private String hint(Throwable cause) {
        String message = String.valueOf(rootMessage(cause));
        if (cause instanceof NotSslRecordException || cause.getCause() instanceof NotSslRecordException) {
            return "the client did not speak TLS on a TLS port; use wss://, https:// or ssl:// here, or the plain "
                    + "ports for ws:// and tcp://";
        }
        if (message.contains("certificate_unknown") || message.contains("unknown_ca")
                || message.contains("bad_certificate")) {
            return "the client does not trust the emulator's certificate authority; give it the CA certificate "
                    + caPath() + " (GET /__emulator/ca.pem)";
        }
        if (message.contains("Empty client certificate chain") || message.contains("certificate_required")) {
            return "this port needs a client certificate, as AWS IoT's port 8883 does; create one with POST "
                    + "/__emulator/certificates or use WSS with SigV4 on the HTTPS port";
        }
        return "see the client's own error for details";
    }

    private String caPath() {
        return core.certificates() == null ? "" : String.valueOf(core.certificates().authority()
                .certificateFile());
    }

    private static String rootMessage(Throwable cause) {
        Throwable t = cause;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
