package io.printbridge.certs;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a store's identity lives in its agent certificate: one subjectAltName URI
 * {@code urn:printbridge:store:<storeId>}. The server reads the store id from there and
 * nowhere else (never from a message field), so a certificate is the only way to speak for
 * a store. The subject CN repeats the id for people reading logs, but is not trusted.
 */
public final class StoreIdentity {

    /** The URI prefix of the subjectAltName that names the store. */
    public static final String URI_PREFIX = "urn:printbridge:store:";

    /** Store ids: lowercase letters, digits and inner hyphens, 1 to 63 characters (URL- and DNS-safe). */
    private static final Pattern STORE_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** subjectAltName general name type for a URI (RFC 5280). */
    private static final int SAN_URI = 6;

    private StoreIdentity() {}

    /** Returns {@code storeId} if it is well-formed, or throws naming the value and the rule. */
    public static String requireValidStoreId(String storeId) {
        if (!isValidStoreId(storeId)) {
            throw new IllegalArgumentException("store id: \"" + storeId
                    + "\" (expected: 1-63 lowercase letters, digits or inner hyphens, e.g. \"alger-centre-01\")");
        }
        return storeId;
    }

    public static boolean isValidStoreId(String storeId) {
        return STORE_ID.matcher(storeId).matches();
    }

    /** The subjectAltName URI for {@code storeId}. */
    public static String uriFor(String storeId) {
        return URI_PREFIX + requireValidStoreId(storeId);
    }

    /**
     * Reads the store id from an agent certificate.
     *
     * @return empty when the certificate carries no store URI, more than one, or a malformed id
     */
    public static Optional<String> storeIdOf(X509Certificate certificate) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return Optional.empty();
        }
        if (names == null) {
            return Optional.empty();
        }
        List<String> ids = names.stream()
                .filter(name -> name.size() == 2 && Integer.valueOf(SAN_URI).equals(name.get(0)))
                .map(name -> String.valueOf(name.get(1)))
                .filter(uri -> uri.startsWith(URI_PREFIX))
                .map(uri -> uri.substring(URI_PREFIX.length()))
                .toList();
        // Two store URIs in one certificate would make the identity ambiguous: refuse it.
        if (ids.size() != 1 || !isValidStoreId(ids.get(0))) {
            return Optional.empty();
        }
        return Optional.of(ids.get(0));
    }
}
