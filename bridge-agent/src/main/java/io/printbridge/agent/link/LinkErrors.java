package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.printbridge.logging.LogSafe;
import java.security.cert.CertificateException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * Turns a stream failure into a sentence a technician at the till can act on.
 *
 * <p>A server that refuses this agent's certificate does it in the TLS 1.3 handshake, and the agent
 * only learns of it from the TLS alert that ends the connection (when the alert arrives before the
 * reset): certificate_expired, unknown_ca (not issued by the store CA), unsupported_certificate (a
 * CA's certificate, or one not for TLS clients), bad_certificate... This class reads the alert and
 * adds what the agent sees in its own certificate ({@link AgentCertificate}): the expiry date, or
 * why it is not an agent certificate. Text from the server or the TLS stack is made safe for a log
 * line ({@link LogSafe}).
 */
final class LinkErrors {

    /** OpenSSL's name of a received alert: "...:SSLV3_ALERT_CERTIFICATE_EXPIRED", "...:TLSV1_ALERT_UNKNOWN_CA". */
    private static final Pattern ALERT = Pattern.compile("(?:SSLV3|TLSV1)_ALERT_([A-Z_]+)");
    /** Alerts a server sends about the client's certificate (internal_error: a server that could not say better). */
    private static final List<String> CERTIFICATE_ALERTS = List.of(
            "CERTIFICATE_EXPIRED",
            "UNKNOWN_CA",
            "UNSUPPORTED_CERTIFICATE",
            "BAD_CERTIFICATE",
            "CERTIFICATE_UNKNOWN",
            "CERTIFICATE_REVOKED",
            "ACCESS_DENIED",
            "INTERNAL_ERROR",
            "HANDSHAKE_FAILURE");

    private static final String ASK_IT =
            "ask IT for a new enrolment code, then run `bridge-agent enroll --server HOST:PORT --code CODE --force`";

    /** This agent's certificate as it is now: read again for each explanation, since renewal replaces it. */
    private final Supplier<AgentCertificate> own;

    private final Clock clock;

    LinkErrors(AgentCertificate own, Clock clock) {
        this(() -> own, clock);
        requireNonNull(own, "own");
    }

    LinkErrors(Supplier<AgentCertificate> own, Clock clock) {
        this.own = requireNonNull(own, "own");
        this.clock = requireNonNull(clock, "clock");
    }

    String explain(@Nullable Throwable error) {
        if (error == null) {
            return "the server closed the stream";
        }
        Status status = Status.fromThrowable(error);
        SSLException tls = find(error, SSLException.class);
        if (tls != null) {
            return handshake(tls);
        }
        return switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED ->
                "the server refused this agent: " + LogSafe.text(status.getDescription(), 500);
            case UNAVAILABLE ->
                "server unreachable: " + describe(status) + ownProblems("; this agent's certificate may be why: ");
            case CANCELLED -> "stream cancelled: " + describe(status);
            default -> "stream failed: " + status.getCode() + " " + describe(status);
        };
    }

    private String handshake(SSLException tls) {
        String message = String.valueOf(tls.getMessage());
        Matcher alert = ALERT.matcher(message);
        if (alert.find() && CERTIFICATE_ALERTS.contains(alert.group(1))) {
            return "the server refused this agent's certificate: " + refusal(alert.group(1)) + "; " + ASK_IT
                    + " [TLS alert " + alert.group(1).toLowerCase(Locale.ROOT) + "]";
        }
        CertificateException untrusted = find(tls, CertificateException.class);
        if (untrusted != null) {
            return "this agent does not trust the server's certificate: " + LogSafe.text(untrusted.getMessage(), 300)
                    + " (check that tls.ca is the CA that signed the server's certificate, and that server.address"
                    + " is a name in that certificate)";
        }
        return "TLS handshake with the server failed: " + LogSafe.text(message, 300)
                + ownProblems("; this agent's certificate may be why: ")
                + " (check that tls.certificate was issued by the store CA and has not expired,"
                + " and that tls.ca is the CA that signed the server certificate)";
    }

    /** Why the server refused, from its alert, in the words of what the agent sees itself where that says more. */
    private String refusal(String alert) {
        AgentCertificate own = this.own.get();
        List<String> seen = own.problems(clock.instant());
        return switch (alert) {
            case "CERTIFICATE_EXPIRED" ->
                own.expiry().map(date -> "it expired on " + date).orElse("it has expired");
            case "UNKNOWN_CA" ->
                "it was not issued by the store CA"
                        + own.issuer()
                                .map(issuer -> " (its issuer: \"" + LogSafe.text(issuer) + "\")")
                                .orElse("")
                        + ", or was issued through an intermediate CA, which the store CA does not allow";
            case "UNSUPPORTED_CERTIFICATE" ->
                seen.isEmpty()
                        ? "it is not an agent certificate (a CA's, or one not meant for TLS clients)"
                        : String.join("; ", seen);
            default -> seen.isEmpty() ? "the server does not accept it" : String.join("; ", seen);
        };
    }

    private String ownProblems(String lead) {
        List<String> problems = own.get().problems(clock.instant());
        return problems.isEmpty() ? "" : lead + String.join("; ", problems);
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        if (description == null && status.getCause() != null) {
            description = status.getCause().toString();
        }
        return LogSafe.text(description == null ? status.getCode().toString() : description, 500);
    }

    private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
