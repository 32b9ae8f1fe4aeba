package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.logging.LogSafe;
import io.printbridge.logging.RateLimitedLog;
import io.printbridge.proto.v1.EnrollRequest;
import io.printbridge.proto.v1.EnrollResponse;
import io.printbridge.proto.v1.EnrollmentGrpc;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.EnrolmentRefusedException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' Enroll call: a PC with no certificate yet trades a one-time code and a certificate
 * request for its certificate. On the agents' port and TLS, but not behind
 * {@link StoreIdentityInterceptor} (the caller has no certificate yet). Bounded before anything
 * is read: field sizes, and calls per minute per address and overall. The database and the CA
 * work run on a small pool of their own, never on the network's event loop. Refusals are answered
 * with a status and a message for the person at the shop, and logged at most once a second.
 */
final class EnrollmentService extends EnrollmentGrpc.EnrollmentImplBase {

    private static final Logger log = LoggerFactory.getLogger(EnrollmentService.class);

    static final int MAX_HOSTNAME = 255;
    static final int MAX_AGENT_VERSION = 64;

    private final EnrolmentCodes codes;
    private final EnrolmentRateLimit limit;
    private final LongSupplier nanoTime;
    private final RateLimitedLog refusalLog = new RateLimitedLog(TimeUnit.SECONDS.toNanos(1));
    private final RateLimitedLog floodLog = new RateLimitedLog(TimeUnit.MINUTES.toNanos(1));
    /** Two threads, a short queue: the rate limit keeps it far from full. */
    private final ExecutorService work =
            new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(64), r -> {
                Thread thread = new Thread(r, "enrolment");
                thread.setDaemon(true);
                return thread;
            });

    EnrollmentService(EnrolmentCodes codes, EnrolmentRateLimit limit, LongSupplier nanoTime) {
        this.codes = requireNonNull(codes, "codes");
        this.limit = requireNonNull(limit, "limit");
        this.nanoTime = requireNonNull(nanoTime, "nanoTime");
    }

    @Override
    public void enroll(EnrollRequest request, StreamObserver<EnrollResponse> response) {
        String peer = PeerAddress.current();
        String problem = sizeProblem(request);
        if (problem != null) {
            refuse(response, Status.INVALID_ARGUMENT.withDescription(problem), peer, request.getHostname());
            return;
        }
        EnrolmentRateLimit.Decision decision = limit.take(addressOf(peer), nanoTime.getAsLong());
        if (decision != EnrolmentRateLimit.Decision.TAKEN) {
            long unlogged = floodLog.logNow(nanoTime.getAsLong());
            if (unlogged >= 0) {
                log.warn(
                        "enrolment refused from {}: {} ({} more refused since the last line)",
                        peer,
                        decision,
                        unlogged);
            }
            response.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("too many enrolment attempts"
                            + (decision == EnrolmentRateLimit.Decision.TOO_MANY_FROM_ADDRESS
                                    ? " from this address"
                                    : "")
                            + ": try again in a minute")
                    .asRuntimeException());
            return;
        }
        try {
            work.execute(() -> enrol(request, response, peer));
        } catch (RejectedExecutionException e) {
            response.onError(Status.RESOURCE_EXHAUSTED
                    .withDescription("the server is busy with other enrolments: try again in a minute")
                    .asRuntimeException());
        }
    }

    private void enrol(EnrollRequest request, StreamObserver<EnrollResponse> response, String peer) {
        try {
            EnrolmentCodes.Enrolled enrolled = codes.enrol(
                    request.getCode(), request.getCertificateRequest().toByteArray(), request.getHostname(), peer);
            EnrollResponse.Builder answer = EnrollResponse.newBuilder()
                    .setStoreId(enrolled.storeId())
                    .setCertificate(der(enrolled.issued().certificate()));
            for (X509Certificate ca : enrolled.issued().trusted()) {
                answer.addCaCertificates(der(ca));
            }
            response.onNext(answer.build());
            response.onCompleted();
        } catch (EnrolmentRefusedException e) {
            refuse(response, statusOf(e), peer, request.getHostname());
        } catch (RuntimeException e) {
            log.error("enrolment from {} failed", peer, e);
            response.onError(Status.INTERNAL
                    .withDescription("the server could not issue the certificate (see its log): try again later")
                    .asRuntimeException());
        }
    }

    private void refuse(StreamObserver<EnrollResponse> response, Status status, String peer, String hostname) {
        long unlogged = refusalLog.logNow(nanoTime.getAsLong());
        if (unlogged >= 0) {
            log.warn(
                    "enrolment refused from {} (host \"{}\"): {} {} ({} more refused since the last line)",
                    peer,
                    LogSafe.text(hostname, 64),
                    status.getCode(),
                    LogSafe.text(status.getDescription()),
                    unlogged);
        }
        response.onError(status.asRuntimeException());
    }

    /** The status for a refusal, decided once, here. */
    static Status statusOf(EnrolmentRefusedException e) {
        Status status = switch (e.reason()) {
            case MALFORMED -> Status.INVALID_ARGUMENT;
            case UNKNOWN_CODE, USED_CODE, EXPIRED_CODE, REVOKED_CODE -> Status.PERMISSION_DENIED;
            case NO_ISSUING_CA -> Status.FAILED_PRECONDITION;
        };
        return status.withDescription(e.getMessage());
    }

    /** What is too large in the request, or null; checked before anything else reads it. */
    private static @org.jspecify.annotations.Nullable String sizeProblem(EnrollRequest request) {
        if (request.getCode().length() > EnrolmentCode.MAX_TEXT) {
            return "code: " + request.getCode().length() + " characters (expected: at most " + EnrolmentCode.MAX_TEXT
                    + ", the code " + EnrolmentCode.SHAPE + ")";
        }
        if (request.getHostname().length() > MAX_HOSTNAME) {
            return "hostname: " + request.getHostname().length() + " characters (expected: at most " + MAX_HOSTNAME
                    + ")";
        }
        if (request.getAgentVersion().length() > MAX_AGENT_VERSION) {
            return "agent_version: " + request.getAgentVersion().length() + " characters (expected: at most "
                    + MAX_AGENT_VERSION + ")";
        }
        if (request.getCertificateRequest().size() > CertificateRequests.MAX_BYTES) {
            return "certificate_request: " + request.getCertificateRequest().size() + " bytes (expected: at most "
                    + CertificateRequests.MAX_BYTES + ")";
        }
        return null;
    }

    /** The IP address of {@code 203.0.113.7:50112}. */
    static String addressOf(String peer) {
        int colon = peer.lastIndexOf(':');
        return colon > 0 ? peer.substring(0, colon) : peer;
    }

    private static ByteString der(X509Certificate certificate) {
        try {
            return ByteString.copyFrom(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** Stops taking work; enrolments under way finish. */
    void close() {
        work.shutdown();
    }
}
