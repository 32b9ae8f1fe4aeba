package io.printbridge.agent.enrol;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a server's certificate names the host dialled (RFC 6125): a DNS name in its subject
 * alternative names, exactly or through one leftmost wildcard label, or an IP address for an
 * address dialled. The subject's common name is not looked at, as browsers no longer do.
 */
final class ServerNames {

    private static final int DNS = 2;
    private static final int IP = 7;
    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private ServerNames() {}

    static boolean matches(X509Certificate certificate, String host) {
        boolean address = isAddress(host);
        for (List<?> name : names(certificate)) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (address && type == IP && sameAddress(host, value)) {
                return true;
            }
            if (!address && type == DNS && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    /** The names in the certificate, for a message. */
    static String of(X509Certificate certificate) {
        List<String> values = new ArrayList<>();
        for (List<?> name : names(certificate)) {
            int type = (Integer) name.get(0);
            if (type == DNS || type == IP) {
                values.add(String.valueOf(name.get(1)));
            }
        }
        return values.isEmpty() ? "no host name" : String.join(", ", values);
    }

    private static Collection<List<?>> names(X509Certificate certificate) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static boolean isAddress(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    private static boolean sameAddress(String dialled, String named) {
        try {
            // Both are literals (checked above, or as the certificate holds them): no DNS lookup.
            return InetAddress.getByName(dialled).equals(InetAddress.getByName(named));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (p.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0
                    && p.substring(1).equals(h.substring(dot))
                    && p.chars().filter(c -> c == '.').count() >= 2;
        }
        return p.equals(h);
    }
}
