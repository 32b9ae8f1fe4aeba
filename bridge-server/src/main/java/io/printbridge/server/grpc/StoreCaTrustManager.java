package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslCertificateException;
import io.grpc.netty.shaded.io.netty.internal.tcnative.CertificateVerifier;
import io.printbridge.certs.AgentCertificatePolicy;
import io.printbridge.certs.AgentCertificatePolicy.RefusedCertificateException;
import io.printbridge.logging.LogSafe;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides, in the TLS handshake, whether a client certificate is a store agent's: the JDK's PKIX
 * validation against the store CA (signatures, dates), with the store CA's own path length
 * enforced, then {@link AgentCertificatePolicy} (an end entity with clientAuth, signed by the store
 * CA itself).
 *
 * <p>Why both: PKIX takes the store CA as a trust anchor, and a trust anchor's basicConstraints
 * are not applied to the path (RFC 5280, 6.1.1; the JDK follows it), so by default a leaf minted by
 * a CA under the store CA passed as any store although the store CA says pathLen 0. The PKIX
 * parameters here carry the anchor's path length, and the policy says it again in words.
 *
 * <p>A refusal is an exception whose message is the sentence the server logs (the certificate's
 * names made safe by {@link LogSafe}); {@link HandshakeRefusalLogger} writes it once, with the
 * peer's address, which this class cannot know. With OpenSSL (what grpc uses) it also chooses the
 * TLS alert, so the agent learns more than "internal error": unknown_ca for another CA's
 * certificate, unsupported_certificate for one that is not an agent's, certificate_expired.
 */
final class StoreCaTrustManager extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager pkix;
    private final AgentCertificatePolicy policy;

    private StoreCaTrustManager(X509ExtendedTrustManager pkix, AgentCertificatePolicy policy) {
        this.pkix = pkix;
        this.policy = policy;
    }

    /** Trusts agent certificates issued by {@code storeCa} itself, and nothing else. */
    static StoreCaTrustManager forStoreCa(X509Certificate storeCa) throws GeneralSecurityException {
        requireNonNull(storeCa, "storeCa");
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        try {
            trusted.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot create an empty key store: " + e.getMessage(), e);
        }
        trusted.setCertificateEntry("store-ca", storeCa);
        PKIXBuilderParameters parameters = new PKIXBuilderParameters(trusted, new X509CertSelector());
        // The store CA's pathLen (0: agent certificates are signed by the store CA itself); -1 means
        // unlimited to the JDK, which getBasicConstraints() reports as Integer.MAX_VALUE.
        int pathLength = storeCa.getBasicConstraints();
        parameters.setMaxPathLength(pathLength == Integer.MAX_VALUE ? -1 : Math.max(pathLength, 0));
        // No CRL or OCSP for agent certificates (yet): with revocation on, every path would fail.
        parameters.setRevocationEnabled(false);
        TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
        factory.init(new CertPathTrustManagerParameters(parameters));
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager x509) {
                return new StoreCaTrustManager(x509, new AgentCertificatePolicy(storeCa));
            }
        }
        throw new IllegalStateException("no X509 trust manager available in this JVM");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            policy.check(List.of(chain));
            pkix.checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw refusal(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            policy.check(List.of(chain));
            pkix.checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw refusal(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            policy.check(List.of(chain));
            pkix.checkClientTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refusal(chain, e);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("this trust manager checks agents' client certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("this trust manager checks agents' client certificates only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("this trust manager checks agents' client certificates only");
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

    /** The refusal to throw: the sentence to log, and with OpenSSL the TLS alert to send. */
    private static CertificateException refusal(X509Certificate[] chain, CertificateException cause) {
        String message = "certificate \"" + subject(chain) + "\" issued by \"" + issuer(chain)
                + "\" is not acceptable: " + LogSafe.text(reason(cause), 500);
        if (!OpenSsl.isAvailable()) {
            return new CertificateException(message, cause);
        }
        return new OpenSslCertificateException(message, cause, alertCode(cause));
    }

    /** The X509_V_ERR code OpenSSL turns into the alert: expired, unknown_ca or unsupported_certificate. */
    private static int alertCode(CertificateException cause) {
        if (cause instanceof RefusedCertificateException refused) {
            return switch (refused.problem()) {
                case ISSUER -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
                case PURPOSE -> CertificateVerifier.X509_V_ERR_INVALID_PURPOSE;
            };
        }
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException
                    || t instanceof CertPathValidatorException path
                            && path.getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
                return CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
            }
            if (t instanceof CertificateNotYetValidException
                    || t instanceof CertPathValidatorException path
                            && path.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                return CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
            }
        }
        return CertificateVerifier.X509_V_ERR_CERT_REJECTED;
    }

    private static String subject(X509Certificate[] chain) {
        return chain.length == 0
                ? "(none)"
                : LogSafe.text(chain[0].getSubjectX500Principal().getName());
    }

    private static String issuer(X509Certificate[] chain) {
        return chain.length == 0
                ? "(none)"
                : LogSafe.text(chain[0].getIssuerX500Principal().getName());
    }

    /** The innermost message says it best ("NotAfter: ..." for an expired certificate). */
    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return root == e
                ? String.valueOf(e.getMessage())
                : e.getMessage() + " (" + name + ": " + root.getMessage() + ")";
    }
}
