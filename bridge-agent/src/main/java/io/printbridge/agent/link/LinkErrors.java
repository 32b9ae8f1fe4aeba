package io.printbridge.agent.link;

import io.grpc.Status;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/** Turns a stream failure into a sentence a technician at the till can act on. */
final class LinkErrors {

    private LinkErrors() {}

    static String explain(@Nullable Throwable error) {
        if (error == null) {
            return "the server closed the stream";
        }
        Status status = Status.fromThrowable(error);
        SSLException tls = find(error, SSLException.class);
        if (tls != null) {
            return "TLS handshake with the server failed: " + tls.getMessage()
                    + " (check that tls.certificate was issued by the store CA and has not expired,"
                    + " and that tls.ca is the CA that signed the server certificate)";
        }
        return switch (status.getCode()) {
            case UNAUTHENTICATED, PERMISSION_DENIED -> "the server refused this agent: " + status.getDescription();
            case UNAVAILABLE -> "server unreachable: " + describe(status);
            case CANCELLED -> "stream cancelled: " + describe(status);
            default -> "stream failed: " + status.getCode() + " " + describe(status);
        };
    }

    private static String describe(Status status) {
        String description = status.getDescription();
        if (description == null && status.getCause() != null) {
            description = status.getCause().toString();
        }
        return description == null ? status.getCode().toString() : description;
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
