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
import java.security.PublicKey;
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
    /** The CA certificates a certificate issued here must be sent with: none under a root CA. */
    private final List<X509Certificate> chainAbove;

    private CertificateAuthority(IssuedCertificate ca, List<X509Certificate> chainAbove) {
        this.ca = ca;
        this.chainAbove = List.copyOf(chainAbove);
    }

    /** Creates a new self-signed CA valid from now for {@code validity}. */
    public static CertificateAuthority create(String name, Duration validity) {
        requireNonNull(name, "name");
        KeyPair keys = newKeyPair();
        X500Name subject = subject(name);
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    subject,
                    serial(),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(validity)),
                    subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            X509Certificate certificate = sign(builder, keys.getPrivate());
            return new CertificateAuthority(new IssuedCertificate(certificate, keys.getPrivate()), List.of());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create CA \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /** Loads a CA from the PEM files written by {@link #writePem}. */
    public static CertificateAuthority load(Path certificateFile, Path keyFile) throws IOException {
        return new CertificateAuthority(
                new IssuedCertificate(Pem.readCertificate(certificateFile), Pem.readPrivateKey(keyFile)), List.of());
    }

    /** A CA from its certificate and private key (a server that keeps its CA keys itself). */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey key) {
        return new CertificateAuthority(new IssuedCertificate(certificate, key), List.of());
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
            names.add(
                    isIpLiteral(host)
                            ? new GeneralName(GeneralName.iPAddress, host)
                            : new GeneralName(GeneralName.dNSName, host));
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
        return issueAgent(storeId, "store " + storeId, validity);
    }

    /**
     * Issues a store agent's client certificate with the given subject common name. The name is
     * for people reading certificates and logs; the server never trusts it (see {@link StoreIdentity}).
     */
    public IssuedCertificate issueAgent(String storeId, String commonName, Validity validity) {
        requireNonNull(commonName, "commonName");
        return issue(subject(commonName), storeUri(storeId), false, KeyPurposeId.id_kp_clientAuth, validity);
    }

    /**
     * Issues a store agent's client certificate for the key in {@code request}, a PKCS#10 request
     * the agent signed with a key it made itself: the private key never leaves the shop PC. The
     * store is the caller's to decide (from an enrolment code, or the agent's current
     * certificate), never the request's.
     *
     * @throws IllegalArgumentException naming what is wrong with the request
     */
    public X509Certificate issueAgentForRequest(byte[] request, String storeId, Validity validity) {
        PublicKey key = CertificateRequests.verifiedKey(request);
        X500Name subject = subject("store " + StoreIdentity.requireValidStoreId(storeId));
        try {
            X509CertificateHolder issuer =
                    new X509CertificateHolder(ca.certificate().getEncoded());
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    issuer.getSubject(),
                    serial(),
                    Date.from(validity.notBefore()),
                    Date.from(validity.notAfter()),
                    subject,
                    key);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(
                    Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(
                    Extension.subjectAlternativeName,
                    false,
                    new GeneralNames(storeUri(storeId).toArray(GeneralName[]::new)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            return sign(builder, ca.privateKey());
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(
                    "cannot issue a certificate for store " + storeId + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ certificates the server refuses
    //
    // The bridge never issues these to a shop; the server must refuse each (AgentCertificatePolicy).
    // They are here so that tests, and IT staff drilling the setup, can prove that it does.

    /**
     * A CA certificate signed by this one, as an issuer. The store CA's pathLen 0 says it may have
     * no CA under it: an agent certificate issued by the returned CA must be refused by the server,
     * although its chain (which {@link IssuedCertificate#writePem} writes with it) leads to the store CA.
     */
    public CertificateAuthority issueSubordinateCa(String name, Validity validity) {
        requireNonNull(name, "name");
        KeyPair keys = newKeyPair();
        X500Name subject = subject(name);
        try {
            X509v3CertificateBuilder builder = builder(subject, keys, validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            X509Certificate certificate = sign(builder, ca.privateKey());
            List<X509Certificate> above = new ArrayList<>();
            above.add(certificate);
            above.addAll(chainAbove);
            return new CertificateAuthority(new IssuedCertificate(certificate, keys.getPrivate(), chainAbove), above);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue CA certificate \"" + name + "\": " + e.getMessage(), e);
        }
    }

    /**
     * An agent certificate for {@code storeId} that also says it is a CA (basicConstraints
     * CA:TRUE): not an end-entity certificate, so it must not identify a store.
     */
    public IssuedCertificate issueAgentMarkedAsCa(String storeId, Validity validity) {
        return issue(subject("store " + storeId), storeUri(storeId), true, KeyPurposeId.id_kp_clientAuth, validity);
    }

    /**
     * An agent certificate for {@code storeId} meant for TLS servers (extended key usage
     * serverAuth only, not clientAuth): it must not identify a store.
     */
    public IssuedCertificate issueAgentWithoutClientAuth(String storeId, Validity validity) {
        return issue(subject("store " + storeId), storeUri(storeId), false, KeyPurposeId.id_kp_serverAuth, validity);
    }

    /**
     * An agent certificate for {@code storeId} whose key usage lacks digitalSignature (it says
     * keyAgreement): its key may not sign the TLS handshake, so TLS itself refuses it.
     */
    public IssuedCertificate issueAgentWithoutDigitalSignature(String storeId, Validity validity) {
        return issue(
                subject("store " + storeId),
                storeUri(storeId),
                false,
                KeyUsage.keyAgreement,
                KeyPurposeId.id_kp_clientAuth,
                validity);
    }

    private static List<GeneralName> storeUri(String storeId) {
        return List.of(new GeneralName(GeneralName.uniformResourceIdentifier, StoreIdentity.uriFor(storeId)));
    }

    private IssuedCertificate issue(
            X500Name subject, List<GeneralName> altNames, KeyPurposeId purpose, Validity validity) {
        return issue(subject, altNames, false, purpose, validity);
    }

    private IssuedCertificate issue(
            X500Name subject, List<GeneralName> altNames, boolean markedAsCa, KeyPurposeId purpose, Validity validity) {
        return issue(subject, altNames, markedAsCa, KeyUsage.digitalSignature, purpose, validity);
    }

    private IssuedCertificate issue(
            X500Name subject,
            List<GeneralName> altNames,
            boolean markedAsCa,
            int keyUsage,
            KeyPurposeId purpose,
            Validity validity) {
        KeyPair keys = newKeyPair();
        try {
            X509v3CertificateBuilder builder = builder(subject, keys, validity);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(markedAsCa));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(altNames.toArray(GeneralName[]::new)));
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(
                    Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.certificate()));
            return new IssuedCertificate(sign(builder, ca.privateKey()), keys.getPrivate(), chainAbove);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private X509v3CertificateBuilder builder(X500Name subject, KeyPair keys, Validity validity)
            throws IOException, GeneralSecurityException {
        X509CertificateHolder issuer =
                new X509CertificateHolder(ca.certificate().getEncoded());
        return new JcaX509v3CertificateBuilder(
                issuer.getSubject(),
                serial(),
                Date.from(validity.notBefore()),
                Date.from(validity.notAfter()),
                subject,
                keys.getPublic());
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
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, "printbridge")
                .addRDN(BCStyle.CN, commonName)
                .build();
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
