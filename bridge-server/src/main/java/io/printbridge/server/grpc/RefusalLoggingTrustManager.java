package io.printbridge.server.grpc;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store CA's trust manager, plus one clear log line for every client certificate it refuses
 * (another CA, expired, not yet valid), naming the peer and the certificate. Without it a refused
 * agent leaves no trace on the server but a Netty debug message.
 */
final class RefusalLoggingTrustManager extends X509ExtendedTrustManager {

    private static final Logger log = LoggerFactory.getLogger(RefusalLoggingTrustManager.class);

    private final X509ExtendedTrustManager delegate;

    RefusalLoggingTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            // The OpenSSL engine grpc uses knows no peer address at this point; say so plainly.
            String peer = engine.getPeerHost() == null ? "an agent" : engine.getPeerHost() + ":" + engine.getPeerPort();
            log.warn("refused agent connection from {}: certificate \"{}\" issued by \"{}\" is not acceptable: {}",
                    peer, subject(chain), issuer(chain), reason(e));
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            log.warn("refused agent connection from {}: certificate \"{}\" issued by \"{}\" is not acceptable: {}",
                    socket.getRemoteSocketAddress(), subject(chain), issuer(chain), reason(e));
            throw e;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            delegate.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            log.warn("refused agent certificate \"{}\" issued by \"{}\": {}", subject(chain), issuer(chain), reason(e));
            throw e;
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    /**
     * Advertises no CA names in the handshake's CertificateRequest. With the store CA listed, an
     * agent holding a certificate from another CA silently sends none (its TLS stack filters by
     * the list), and the refusal would read "no client certificate" instead of the real reason.
     * The list is only a hint; verification above is unchanged.
     */
    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private static String subject(X509Certificate[] chain) {
        return chain.length == 0 ? "(none)" : chain[0].getSubjectX500Principal().getName();
    }

    private static String issuer(X509Certificate[] chain) {
        return chain.length == 0 ? "(none)" : chain[0].getIssuerX500Principal().getName();
    }

    /** The innermost message says it best ("NotAfter: ..." for an expired certificate). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return root == e ? e.getMessage() : e.getMessage() + " (" + name + ": " + root.getMessage() + ")";
    }
}
