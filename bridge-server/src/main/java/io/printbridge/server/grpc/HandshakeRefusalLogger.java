package io.printbridge.server.grpc;

import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.printbridge.logging.LogSafe;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after a connection's TLS handler and writes one line when its handshake fails,
 * naming the peer's address and the reason: the certificate refusal {@link StoreCaTrustManager}
 * explained, or what the TLS stack refused by itself (a key usage it checks before any trust
 * manager, a protocol version, plain text on the TLS port). The trust manager cannot log this
 * line: the OpenSSL engine grpc uses does not know the peer's address. A peer that hangs up
 * before the handshake ends (a port probe) is only a debug line. After a successful handshake the
 * handler leaves the pipeline.
 */
final class HandshakeRefusalLogger extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(HandshakeRefusalLogger.class);

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof SslHandshakeCompletionEvent handshake) {
            if (handshake.isSuccess()) {
                ctx.pipeline().remove(this);
            } else {
                refused(PeerAddress.format(ctx.channel().remoteAddress()), handshake.cause());
            }
        }
        ctx.fireUserEventTriggered(event);
    }

    private static void refused(String peer, Throwable cause) {
        CertificateException certificate = find(cause, CertificateException.class);
        if (certificate != null) {
            // The trust manager's sentence: names already made safe, the reason in its words.
            log.warn("refused agent connection from {}: {}", peer, LogSafe.text(certificate.getMessage(), 1000));
        } else if (find(cause, SSLException.class) != null && find(cause, ClosedChannelException.class) == null) {
            log.warn(
                    "refused agent connection from {}: TLS handshake failed: {}",
                    peer,
                    LogSafe.text(explain(innermost(cause)), 500));
        } else {
            log.debug(
                    "connection from {} closed before its TLS handshake ended: {}",
                    peer,
                    LogSafe.text(cause.toString(), 500));
        }
    }

    /** OpenSSL's reason in words, where it is one a person meets here; the original follows in brackets. */
    static String explain(String openSslMessage) {
        String words;
        if (openSslMessage.contains("KEY_USAGE_BIT_INCORRECT")) {
            words = "the client certificate's key usage does not allow signing (expected: digitalSignature)";
        } else if (openSslMessage.contains("_ALERT_")) {
            String alert = openSslMessage.substring(openSslMessage.indexOf("_ALERT_") + "_ALERT_".length());
            words = "the client gave up the handshake (TLS alert " + alert.toLowerCase(Locale.ROOT) + ")";
        } else if (openSslMessage.contains("UNSUPPORTED_PROTOCOL") || openSslMessage.contains("WRONG_VERSION_NUMBER")) {
            words = "the client does not speak TLS 1.3";
        } else if (openSslMessage.contains("not an SSL/TLS record")) {
            words = "not TLS (plain text on the agents' port?)";
        } else {
            return openSslMessage;
        }
        return words + " [" + openSslMessage + "]";
    }

    private static String innermost(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
