package io.printbridge.certs;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The store CA: issues the server's certificate and one client certificate per store agent.
 * Keys are ECDSA P-256 (small, fast handshakes, supported by every TLS 1.3 stack we use).
 *
 * <p>For development and tests it lives in memory or in PEM files; in production the CA key
 * stays with IT (the certs CLI) and, later, the server's enrollment service.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

    private final IssuedCertificate ca;

    private CertificateAuthority(IssuedCertificate ca) {
        this.ca = ca;
    }

    /** Creates a new self-signed CA valid from now for {@code validity}. */
    public static CertificateAuthority create(String name, Duration validity) {
        requireNonNull(name, "name");
        KeyPair keys = newKeyPair();
        X500Name subject = subject(name);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(validity)), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            return new CertificateAuthority(new IssuedCertificate(certificate, keys.getPrivate()));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create CA \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Loads a CA from the PEM files written by {@link #writePem}. */
    public static CertificateAuthority load(Path certificateFile, Path keyFile) throws IOException {
        return new CertificateAuthority(new IssuedCertificate(Pem.readCertificate(certificateFile), Pem.readPrivateKey(keyFile)));
    }

    public X509Certificate certificate() {
        return ca.certificate();
    }

    /** Writes {@code <baseName>.pem} and {@code <baseName>.key} into {@code directory}. */
    public Path writePem(Path directory, String baseName) throws IOException {
        return ca.writePem(directory, baseName);
    }

    /**
     * Issues the server's TLS certificate for the given DNS names and IP addresses.
     */
    public IssuedCertificate issueServer(List<String> hostNames, Validity validity) {
        List<GeneralName> names = new ArrayList<>();
        for (String host : hostNames) {
            names.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host) : new GeneralName(GeneralName.dNSName, host));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("hostNames: [] (expected: at least one DNS name or IP address)");
        }
        return issue(subject("printbridge server " + hostNames.get(0)), names, KeyPurposeId.id_kp_serverAuth, validity);
    }

    /**
     * Issues a store agent's client certificate: the store id goes into the subjectAltName URI
     * (see {@link StoreIdentity}).
     */
    public IssuedCertificate issueAgent(String storeId, Validity validity) {
        String uri = StoreIdentity.uriFor(storeId);
        return issue(subject("store " + storeId), List.of(new GeneralName(GeneralName.uniformResourceIdentifier, uri)),
                KeyPurposeId.id_kp_clientAuth, validity);
    }

    private IssuedCertificate issue(X500Name subject, List<GeneralName> altNames, KeyPurposeId purpose, Validity validity) {
        KeyPair keys = newKeyPair();
        try {
            X509CertificateHolder issuer = new X509CertificateHolder(ca.certificate().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer.getSubject(), serial(),
                    Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject, keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(altNames.toArray(GeneralName[]::new)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            return new IssuedCertificate(sign(builder, ca.privateKey()), keys.getPrivate());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot generate P-256 keys", e);
        }
    }

    private static X500Name subject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "printbridge").addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM);
    }

    private static boolean isIpLiteral(String host) {
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*")) {
            return false;
        }
        try {
            InetAddress.getByName(host); // a literal: no lookup happens
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
