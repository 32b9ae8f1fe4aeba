package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslCertificateException;
import io.grpc.netty.shaded.io.netty.internal.tcnative.CertificateVerifier;
import io.printbridge.certs.AgentCertificatePolicy;
import io.printbridge.certs.AgentCertificatePolicy.RefusedCertificateException;
import io.printbridge.certs.IssuedBy;
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
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides, in the TLS handshake, whether a client certificate is a store agent's: the JDK's PKIX
 * validation against the store CA that signed it (signatures, dates), with that CA's own path
 * length enforced, then {@link AgentCertificatePolicy} for that CA (an end entity with clientAuth,
 * signed by the store CA itself).
 *
 * <p>Several store CAs may be trusted at once: during a CA rollover, the old and the new. Each is
 * an anchor of its own, with its own path length and policy, and a certificate is judged by the one
 * that signed it. The set is replaced while the server runs ({@link #trustOnly}): the next
 * handshake uses the new set, established connections are not judged again.
 *
 * <p>Why both PKIX and the policy: PKIX takes the store CA as a trust anchor, and a trust
 * anchor's basicConstraints are not applied to the path (RFC 5280, 6.1.1; the JDK follows it), so
 * by default a leaf minted by a CA under the store CA passed as any store although the store CA
 * says pathLen 0. The PKIX parameters here carry the anchor's path length, and the policy says it
 * again in words.
 *
 * <p>A refusal is an exception whose message is the sentence the server logs (the certificate's
 * names made safe by {@link LogSafe}); {@link HandshakeRefusalLogger} writes it once, with the
 * peer's address, which this class cannot know. With OpenSSL (what grpc uses) it also chooses the
 * TLS alert, so the agent learns more than "internal error": unknown_ca for another CA's
 * certificate, unsupported_certificate for one that is not an agent's, certificate_expired.
 */
final class StoreCaTrustManager extends X509ExtendedTrustManager {

    /** One trusted store CA: its certificate, PKIX with it as the only anchor, and its policy. */
    private record Anchor(X509Certificate ca, X509ExtendedTrustManager pkix, AgentCertificatePolicy policy) {}

    private volatile List<Anchor> anchors;

    private StoreCaTrustManager(List<Anchor> anchors) {
        this.anchors = anchors;
    }

    /** Trusts agent certificates issued by {@code storeCa} itself, and nothing else. */
    static StoreCaTrustManager forStoreCa(X509Certificate storeCa) throws GeneralSecurityException {
        return forStoreCas(List.of(requireNonNull(storeCa, "storeCa")));
    }

    /** Trusts agent certificates issued by one of {@code storeCas} itself, and nothing else. */
    static StoreCaTrustManager forStoreCas(List<X509Certificate> storeCas) throws GeneralSecurityException {
        return new StoreCaTrustManager(anchors(storeCas));
    }

    /** From the next handshake on, trusts agent certificates issued by one of {@code storeCas}, and nothing else. */
    void trustOnly(List<X509Certificate> storeCas) throws GeneralSecurityException {
        this.anchors = anchors(storeCas);
    }

    /** The store CAs trusted now. */
    List<X509Certificate> trusted() {
        return anchors.stream().map(Anchor::ca).toList();
    }

    private static List<Anchor> anchors(List<X509Certificate> storeCas) throws GeneralSecurityException {
        List<Anchor> anchors = new ArrayList<>();
        for (X509Certificate storeCa : storeCas) {
            anchors.add(new Anchor(storeCa, pkix(storeCa), new AgentCertificatePolicy(storeCa)));
        }
        return List.copyOf(anchors);
    }

    private static X509ExtendedTrustManager pkix(X509Certificate storeCa) throws GeneralSecurityException {
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
                return x509;
            }
        }
        throw new IllegalStateException("no X509 trust manager available in this JVM");
    }

    /** What judges {@code chain}: the anchor whose CA signed its certificate, else one it climbs to, else the first. */
    private Anchor judge(X509Certificate[] chain) throws CertificateException {
        List<Anchor> now = anchors;
        if (now.isEmpty()) {
            throw new RefusedCertificateException(
                    RefusedCertificateException.Problem.ISSUER, "this server trusts no store CA at the moment");
        }
        if (chain.length == 0) {
            return now.get(0);
        }
        for (Anchor anchor : now) {
            if (IssuedBy.ca(chain[0], anchor.ca())) {
                return anchor;
            }
        }
        for (int i = 1; i < chain.length; i++) {
            for (Anchor anchor : now) {
                if (IssuedBy.ca(chain[i], anchor.ca())) {
                    return anchor; // its policy says: through an intermediate CA
                }
            }
        }
        return now.get(0); // its policy says: not issued by the store CA
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        try {
            Anchor anchor = judge(chain);
            anchor.policy().check(List.of(chain));
            anchor.pkix().checkClientTrusted(chain, authType, engine);
        } catch (CertificateException e) {
            throw refusal(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        try {
            Anchor anchor = judge(chain);
            anchor.policy().check(List.of(chain));
            anchor.pkix().checkClientTrusted(chain, authType, socket);
        } catch (CertificateException e) {
            throw refusal(chain, e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        try {
            Anchor anchor = judge(chain);
            anchor.policy().check(List.of(chain));
            anchor.pkix().checkClientTrusted(chain, authType);
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
