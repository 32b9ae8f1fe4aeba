package io.printbridge.server.grpc;

import java.io.IOException;
import java.math.BigInteger;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.jspecify.annotations.Nullable;

/**
 * SHA256withECDSA verification with a store CA's key ({@link StoreCaSignatures}): SHA-256 of what
 * is given, the signature read as strict DER (two integers, nothing around them), then
 * BouncyCastle's ECDSA check, which refuses r or s outside [1, n-1]. It never signs.
 */
public final class StoreCaEcdsaVerifier extends SignatureSpi {

    private final SHA256Digest digest = new SHA256Digest();
    private @Nullable ECPublicKeyParameters key;

    @Override
    protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
        ECPublicKeyParameters found = publicKey instanceof ECPublicKey ec ? StoreCaSignatures.parameters(ec) : null;
        if (found == null) {
            throw new InvalidKeyException("not a store CA's P-256 key (expected: one StoreCaSignatures was given)");
        }
        key = found;
        digest.reset();
    }

    @Override
    protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
        throw new InvalidKeyException("this provider only verifies store CAs' signatures");
    }

    @Override
    protected void engineUpdate(byte b) throws SignatureException {
        requireKey();
        digest.update(b);
    }

    @Override
    protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
        requireKey();
        digest.update(b, off, len);
    }

    @Override
    protected byte[] engineSign() throws SignatureException {
        throw new SignatureException("this provider only verifies store CAs' signatures");
    }

    @Override
    protected boolean engineVerify(byte[] signature) throws SignatureException {
        ECPublicKeyParameters verifying = requireKey();
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        BigInteger[] rs;
        try {
            // Strict: the encoding read back must be the bytes given.
            rs = StandardDSAEncoding.INSTANCE.decode(verifying.getParameters().getN(), signature);
        } catch (IOException | RuntimeException e) {
            // BouncyCastle's reader answers some malformed input with a ClassCastException: a bit
            // flipped in a tag was enough (StoreCaSignaturesTest). Whatever it throws, it is no signature.
            throw new SignatureException("not a DER ECDSA signature: " + e, e);
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, verifying);
        return signer.verifySignature(hash, rs[0], rs[1]);
    }

    @Override
    protected void engineSetParameter(@Nullable AlgorithmParameterSpec params)
            throws InvalidAlgorithmParameterException {
        if (params != null) {
            throw new InvalidAlgorithmParameterException("SHA256withECDSA takes no parameters");
        }
    }

    @Override
    @SuppressWarnings("deprecation") // the abstract method JCA still requires
    protected void engineSetParameter(String param, Object value) {
        throw new InvalidParameterException("SHA256withECDSA takes no parameters");
    }

    @Override
    @SuppressWarnings("deprecation")
    protected Object engineGetParameter(String param) {
        throw new InvalidParameterException("SHA256withECDSA takes no parameters");
    }

    private ECPublicKeyParameters requireKey() throws SignatureException {
        ECPublicKeyParameters verifying = key;
        if (verifying == null) {
            throw new SignatureException("not initialised for verification");
        }
        return verifying;
    }
}
