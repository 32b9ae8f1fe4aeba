package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.printbridge.certs.StoreIdentity;
import io.printbridge.logging.LogSafe;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the store id from the agent's verified client certificate and puts it in the call's
 * {@link Context}; refuses the call, before any service code runs, when there is no
 * certificate or it names no store.
 *
 * <p>TLS asks for a client certificate without requiring one, so that an agent that shows none
 * gets this clear UNAUTHENTICATED message instead of an anonymous handshake failure. Certificates
 * that are not a store agent's (another CA's, expired, a CA's, not for clientAuth, under an
 * intermediate CA) never get this far: the handshake refuses them ({@link StoreCaTrustManager}).
 *
 * <p>A handshake resumed from a session ticket ({@link SessionTicketKeys}) does not run those checks
 * again: the certificate was checked when the session began, perhaps two days ago. Its dates are
 * therefore checked here, at each call: a certificate that expired since is refused like one shown
 * expired in a full handshake. (A CA trusted no more renews the ticket keys, and revocation is read
 * at each Hello.)
 */
final class StoreIdentityInterceptor implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(StoreIdentityInterceptor.class);

    /** The calling agent's store id, set for every accepted call. */
    static final Context.Key<String> STORE_ID = Context.key("printbridge.store-id");
    /** The calling agent's certificate (verified by the handshake), set with {@link #STORE_ID}. */
    static final Context.Key<X509Certificate> CLIENT_CERTIFICATE = Context.key("printbridge.client-certificate");

    private final Clock clock;

    StoreIdentityInterceptor(Clock clock) {
        this.clock = requireNonNull(clock, "clock");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String peer = PeerAddress.format(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        Optional<X509Certificate> certificate =
                peerCertificate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
        if (certificate.isEmpty()) {
            log.warn("refused agent connection from {}: no client certificate", peer);
            call.close(
                    Status.UNAUTHENTICATED.withDescription(
                            "no client certificate: this server accepts only agents with a certificate issued by the store CA"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        try {
            certificate.get().checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            log.warn(
                    "refused agent connection from {}: certificate \"{}\" is not valid now (valid {} to {}; a session"
                            + " resumed from before it expired)",
                    peer,
                    LogSafe.text(certificate.get().getSubjectX500Principal().getName()),
                    certificate.get().getNotBefore().toInstant(),
                    certificate.get().getNotAfter().toInstant());
            call.close(
                    Status.UNAUTHENTICATED.withDescription("the client certificate is not valid now (valid "
                            + certificate.get().getNotBefore().toInstant() + " to "
                            + certificate.get().getNotAfter().toInstant()
                            + "; expected: a current certificate, renewed or enrolled again)"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        Optional<String> storeId = StoreIdentity.storeIdOf(certificate.get());
        if (storeId.isEmpty()) {
            log.warn(
                    "refused agent connection from {}: certificate \"{}\" names no store (expected: one SAN URI {}<storeId>)",
                    peer,
                    LogSafe.text(certificate.get().getSubjectX500Principal().getName()),
                    StoreIdentity.URI_PREFIX);
            call.close(
                    Status.PERMISSION_DENIED.withDescription(
                            "the client certificate names no store (expected: one SAN URI " + StoreIdentity.URI_PREFIX
                                    + "<storeId>)"),
                    new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(
                Context.current().withValues(STORE_ID, storeId.get(), CLIENT_CERTIFICATE, certificate.get()),
                call,
                headers,
                next);
    }

    private static Optional<X509Certificate> peerCertificate(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? Optional.of(x509) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }
}
