package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Certificate requests (PKCS#10): an agent signs one with the key it just made, and the server
 * issues the certificate for the public key in it. The request proves the agent holds the private
 * key; everything else in the certificate (above all the store it speaks for) the server decides.
 */
public final class CertificateRequests {

    /** A DER request is far smaller; a larger one is not a request this side makes. */
    public static final int MAX_BYTES = 4096;

    private CertificateRequests() {}

    /** A request for {@code keys}' public key, signed with its private key; the subject names the host, for people. */
    public static byte[] create(KeyPair keys, String hostname) {
        requireNonNull(keys, "keys");
        requireNonNull(hostname, "hostname");
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                    new X500NameBuilder(BCStyle.INSTANCE)
                            .addRDN(BCStyle.O, "printbridge")
                            .addRDN(BCStyle.CN, "agent on " + hostname)
                            .build(),
                    keys.getPublic());
            return builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a certificate request: " + e.getMessage(), e);
        }
    }

    /**
     * The public key of a request whose signature it carries, checked: an ECDSA P-256 key, and a
     * signature made with its private key.
     *
     * @throws IllegalArgumentException naming what is wrong, for a request that is none of that
     */
    public static PublicKey verifiedKey(byte[] der) {
        requireNonNull(der, "der");
        if (der.length == 0 || der.length > MAX_BYTES) {
            throw new IllegalArgumentException(
                    "certificate request: " + der.length + " bytes (expected: 1 to " + MAX_BYTES + " bytes of DER)");
        }
        try {
            JcaPKCS10CertificationRequest request =
                    new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(der));
            PublicKey key = request.getPublicKey();
            if (!(key instanceof ECPublicKey ec)
                    || ec.getParams().getCurve().getField().getFieldSize() != 256) {
                throw new IllegalArgumentException("certificate request: a " + key.getAlgorithm()
                        + " key (expected: ECDSA P-256, as the agent makes)");
            }
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
            if (!request.isSignatureValid(verifier)) {
                throw new IllegalArgumentException(
                        "certificate request: its signature does not match its key (expected: signed by the key it asks for)");
            }
            return key;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException refused) {
                throw refused;
            }
            throw new IllegalArgumentException(
                    "certificate request: not a PKCS#10 request (" + e.getMessage() + ")", e);
        } catch (java.security.GeneralSecurityException | OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException(
                    "certificate request: its signature cannot be checked (" + e.getMessage() + ")", e);
        }
    }
}
