package io.printbridge.agent.enrol;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.certs.StoreIdentity;
import io.printbridge.proto.v1.EnrollRequest;
import io.printbridge.proto.v1.EnrollResponse;
import io.printbridge.proto.v1.EnrollmentGrpc;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * One Enroll call: dials the server with no certificate of its own, trusting it only through the
 * CA the code names ({@link CodePinnedTrustManager}), and sends the code's secret with a
 * certificate request for a key pair made on this PC. The private key never leaves the PC.
 */
public final class EnrolmentClient {

    /** What the server gave: the store, this PC's certificate, the CA bundle to trust from now on. */
    public record Enrolled(String storeId, X509Certificate certificate, List<X509Certificate> caCertificates) {}

    private final String host;
    private final int port;
    private final Duration timeout;

    public EnrolmentClient(String host, int port, Duration timeout) {
        this.host = requireNonNull(host, "host");
        this.port = port;
        this.timeout = requireNonNull(timeout, "timeout");
    }

    /**
     * Enrols {@code keys} with {@code code}.
     *
     * @throws EnrolmentFailedException with what happened and what to do: the server refused (its
     *     message), the server was not trusted (nothing sent), or it could not be reached
     */
    public Enrolled enrol(EnrolmentCode code, KeyPair keys, String hostname, String agentVersion)
            throws EnrolmentFailedException {
        CodePinnedTrustManager trust = new CodePinnedTrustManager(code, host);
        ManagedChannel channel;
        try {
            channel = NettyChannelBuilder.forAddress(host, port)
                    .sslContext(GrpcSslContexts.forClient()
                            .protocols("TLSv1.3")
                            .trustManager(trust)
                            .build())
                    .disableRetry()
                    .build();
        } catch (SSLException e) {
            throw new EnrolmentFailedException("cannot set up TLS: " + e.getMessage(), e);
        }
        try {
            EnrollResponse response = EnrollmentGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .enroll(EnrollRequest.newBuilder()
                            .setCode(code.secret())
                            .setCertificateRequest(ByteString.copyFrom(CertificateRequests.create(keys, hostname)))
                            .setHostname(hostname)
                            .setAgentVersion(agentVersion)
                            .build());
            return check(response, keys);
        } catch (StatusRuntimeException e) {
            Optional<String> untrusted = trust.refusal();
            if (untrusted.isPresent()) {
                throw new EnrolmentFailedException(
                        "refused the server at " + host + ":" + port + ": " + untrusted.get());
            }
            throw new EnrolmentFailedException(describe(e.getStatus()), e);
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The server's answer, checked: a certificate for our key, naming the store it says. */
    private static Enrolled check(EnrollResponse response, KeyPair keys) throws EnrolmentFailedException {
        X509Certificate certificate = parse(response.getCertificate(), "its certificate");
        if (!certificate.getPublicKey().equals(keys.getPublic())) {
            throw new EnrolmentFailedException(
                    "the server's answer holds a certificate for another key than this PC's: not enrolled; ask IT");
        }
        Optional<String> store = StoreIdentity.storeIdOf(certificate);
        if (store.isEmpty() || !store.get().equals(response.getStoreId())) {
            throw new EnrolmentFailedException("the server's certificate names store " + store.orElse("none")
                    + ", its answer " + response.getStoreId() + ": not enrolled; ask IT");
        }
        List<X509Certificate> cas = new ArrayList<>();
        for (ByteString der : response.getCaCertificatesList()) {
            cas.add(parse(der, "a CA certificate"));
        }
        if (cas.isEmpty()) {
            throw new EnrolmentFailedException("the server's answer holds no CA certificate: not enrolled; ask IT");
        }
        return new Enrolled(response.getStoreId(), certificate, List.copyOf(cas));
    }

    private static X509Certificate parse(ByteString der, String what) throws EnrolmentFailedException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new EnrolmentFailedException("the server's answer: " + what + " is not a certificate: ask IT", e);
        }
    }

    private String describe(Status status) {
        String said = status.getDescription() == null ? "" : status.getDescription();
        return switch (status.getCode()) {
            case PERMISSION_DENIED, INVALID_ARGUMENT, FAILED_PRECONDITION -> "the server refused: " + said;
            case RESOURCE_EXHAUSTED -> "the server is busy: " + said;
            case UNIMPLEMENTED ->
                "the server at " + host + ":" + port
                        + " does not enrol agents (an older server, or not a bridge server): ask IT";
            case DEADLINE_EXCEEDED ->
                "no answer from " + host + ":" + port + " within " + timeout.toSeconds()
                        + " s: check the address and this PC's internet access, then try again";
            case UNAVAILABLE ->
                "cannot reach " + host + ":" + port + " (" + said
                        + "): check the address and this PC's internet access, then try again";
            default -> "enrolment failed: " + status.getCode() + " " + said;
        };
    }
}
