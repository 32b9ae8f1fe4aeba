package io.printbridge.agent.enrol;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.EnrolmentCode;
import io.printbridge.certs.Fingerprints;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * Trusts the server of a first contact only through the CA its enrolment code names, as
 * {@code kubeadm join --discovery-token-ca-cert-hash} does: the chain the server sends must hold a
 * CA certificate whose SHA-256 fingerprint starts with the code's 60 bits, the server's certificate
 * must be valid under that CA alone (signature, dates, server use), and it must name the host
 * dialled. Otherwise the handshake fails, before the code is sent, and {@link #refusal()} says why.
 */
final class CodePinnedTrustManager extends X509ExtendedTrustManager {

    private final EnrolmentCode code;
    private final String host;
    private volatile @Nullable String refusal;
    private volatile @Nullable X509Certificate pinnedCa;

    CodePinnedTrustManager(EnrolmentCode code, String host) {
        this.code = requireNonNull(code, "code");
        this.host = requireNonNull(host, "host");
    }

    /** Why the server was refused, if it was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The CA the code named, once the server was accepted. */
    Optional<X509Certificate> pinnedCa() {
        return Optional.ofNullable(pinnedCa);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, authType);
    }

    private void check(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain.length == 0) {
            throw refuse("the server showed no certificate");
        }
        X509Certificate ca = null;
        List<String> seen = new ArrayList<>();
        for (X509Certificate candidate : chain) {
            byte[] sha256 = Fingerprints.sha256(candidate);
            if (candidate.getBasicConstraints() >= 0) {
                seen.add(HexFormat.of().formatHex(sha256, 0, 8));
                if (code.namesCa(sha256)) {
                    ca = candidate;
                }
            }
        }
        if (ca == null) {
            throw refuse("the server's certificate does not come from the CA this code names (the code names a CA"
                    + " whose fingerprint is " + code.caPart() + " in the code's symbols; the server showed "
                    + (seen.isEmpty() ? "no CA certificate" : "CA(s) " + String.join(", ", seen) + "… in hex")
                    + ")");
        }
        try {
            pkixFor(ca).checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw refuse("the server's certificate is not valid under the CA the code names (" + e.getMessage() + ")");
        }
        if (!ServerNames.matches(chain[0], host)) {
            throw refuse(
                    "the server's certificate is not for " + host + " (it names " + ServerNames.of(chain[0]) + ")");
        }
        pinnedCa = ca;
    }

    private CertificateException refuse(String why) {
        String message = why + ". A man in the middle, the wrong server address or a mistyped code are possible;"
                + " nothing was sent. Check the address and the code, or ask IT.";
        refusal = message;
        return new CertificateException(message);
    }

    /** The JDK's PKIX checks, with {@code ca} as the only trust anchor. */
    private static X509TrustManager pkixFor(X509Certificate ca) throws CertificateException {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            anchors.setCertificateEntry("enrolment-ca", ca);
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(anchors);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new CertificateException("no X.509 trust manager in this JVM");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new CertificateException("cannot check the server's certificate: " + e.getMessage(), e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("an enrolling agent is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("an enrolling agent is a client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("an enrolling agent is a client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
