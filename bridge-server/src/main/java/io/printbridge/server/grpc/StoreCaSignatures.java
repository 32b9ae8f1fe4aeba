package io.printbridge.server.grpc;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECParameterSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.jspecify.annotations.Nullable;

/**
 * A JCA provider, first in the JVM's list, that verifies ECDSA P-256 / SHA-256 signatures made by
 * the store CAs' keys, and nothing else: for any other key the JVM goes on to its own provider.
 *
 * <p>Why: every full TLS handshake of an agent verifies its certificate's signature once, in Java
 * (the JDK's PKIX check in {@link StoreCaTrustManager}), and the JDK's P-256 arithmetic took about
 * 1.3 ms a verification on this machine, most of the server's handshake work in a fleet that dials
 * at once. BouncyCastle's P-256 with the CA key's multiples kept from one verification to the next
 * (its precomputation sits on the key's point, kept here) takes about 0.13 ms (BENCHMARKS.md, "A
 * faster check of the agents' certificates").
 *
 * <p>First in the list, not named: the JDK's certificate remembers a verification only for the
 * provider name it was asked with, and the trust manager's issuer check and PKIX both ask without
 * one; an earlier try that named a provider for PKIX alone verified every certificate twice. What
 * it decides is only whether a signature is valid, exactly as the JDK's provider would (checked
 * against it in {@code StoreCaSignaturesTest}); everything else about a certificate is still the
 * trust manager's.
 */
final class StoreCaSignatures extends Provider {

    static final String NAME = "PrintBridgeStoreCaEcdsa";

    /** Keys kept, oldest dropped past this: a server trusts a few CAs (tests start many servers in one JVM). */
    private static final int MAX_KEYS = 64;

    private static final X9ECParameters P256 = CustomNamedCurves.getByName("secp256r1");
    private static final ECDomainParameters DOMAIN =
            new ECDomainParameters(P256.getCurve(), P256.getG(), P256.getN(), P256.getH());

    private static final StoreCaSignatures INSTANCE = new StoreCaSignatures();

    private volatile Map<ByteBuffer, ECPublicKeyParameters> keys = Map.of();

    private StoreCaSignatures() {
        super(NAME, "1.0", "SHA256withECDSA verification with the store CAs' P-256 keys only");
        putService(new StoreCaKeysOnly(this));
    }

    /**
     * Verifies signatures of {@code cas}' P-256 keys from now on (others are ignored), the provider
     * put first in the JVM's list the first time.
     */
    static void trust(List<X509Certificate> cas) {
        INSTANCE.add(cas);
        synchronized (StoreCaSignatures.class) {
            if (Security.getProvider(NAME) == null) {
                Security.insertProviderAt(INSTANCE, 1);
            }
        }
    }

    /** The parameters of {@code key} if it is a store CA's P-256 key registered here. */
    static @Nullable ECPublicKeyParameters parameters(ECPublicKey key) {
        byte[] encoded = key.getEncoded();
        return encoded == null ? null : INSTANCE.keys.get(ByteBuffer.wrap(encoded));
    }

    private synchronized void add(List<X509Certificate> cas) {
        Map<ByteBuffer, ECPublicKeyParameters> next = new LinkedHashMap<>(keys);
        for (X509Certificate ca : cas) {
            if (ca.getPublicKey() instanceof ECPublicKey key && isP256(key.getParams())) {
                ByteBuffer encoded = ByteBuffer.wrap(key.getEncoded());
                if (!next.containsKey(encoded)) {
                    // validatePoint refuses a point that is not on the curve.
                    ECPoint point = P256.getCurve()
                            .validatePoint(key.getW().getAffineX(), key.getW().getAffineY());
                    next.put(encoded, new ECPublicKeyParameters(point, DOMAIN));
                }
            }
        }
        while (next.size() > MAX_KEYS) {
            next.remove(next.keySet().iterator().next());
        }
        keys = Collections.unmodifiableMap(next);
    }

    private static boolean isP256(ECParameterSpec spec) {
        return spec.getCurve().getField() instanceof ECFieldFp field
                && field.getP().equals(P256.getCurve().getField().getCharacteristic())
                && spec.getCurve().getA().equals(P256.getCurve().getA().toBigInteger())
                && spec.getCurve().getB().equals(P256.getCurve().getB().toBigInteger())
                && spec.getGenerator()
                        .getAffineX()
                        .equals(P256.getG().getAffineXCoord().toBigInteger())
                && spec.getGenerator()
                        .getAffineY()
                        .equals(P256.getG().getAffineYCoord().toBigInteger())
                && spec.getOrder().equals(P256.getN())
                && BigInteger.valueOf(spec.getCofactor()).equals(P256.getH());
    }

    /** The one service: taken by the JVM only for a key registered here ({@link #supportsParameter}). */
    private static final class StoreCaKeysOnly extends Service {

        StoreCaKeysOnly(Provider provider) {
            super(
                    provider,
                    "Signature",
                    "SHA256withECDSA",
                    StoreCaEcdsaVerifier.class.getName(),
                    List.of("1.2.840.10045.4.3.2", "OID.1.2.840.10045.4.3.2"),
                    null);
        }

        @Override
        public boolean supportsParameter(Object parameter) {
            return parameter instanceof ECPublicKey key && parameters(key) != null;
        }

        @Override
        public Object newInstance(@Nullable Object constructorParameter) {
            return new StoreCaEcdsaVerifier();
        }
    }
}
