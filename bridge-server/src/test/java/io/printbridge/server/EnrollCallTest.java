package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.micronaut.transaction.TransactionOperations;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.proto.v1.EnrollRequest;
import io.printbridge.proto.v1.EnrollResponse;
import io.printbridge.proto.v1.EnrollmentGrpc;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.grpc.GrpcServerConfig;
import io.printbridge.server.identity.CaKeys;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.EnrolmentCodeRepository;
import io.printbridge.server.identity.EnrolmentCodes;
import io.printbridge.server.identity.EnrolmentRefusedException;
import io.printbridge.server.identity.IdentityConfig;
import io.printbridge.server.identity.IssuingCa;
import io.printbridge.server.identity.ServerCertificateCa;
import io.printbridge.server.identity.StoreCas;
import io.printbridge.server.testing.Bridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Enroll call itself, as any client can make it: reachable without a client certificate, the
 * server's CA sent after its certificate, bounded fields, a malformed code or request refused with
 * INVALID_ARGUMENT and nothing used, calls per address limited, and every act in the audit log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrollCallTest {

    @TempDir
    static Path dir;

    static Bridge bridge;
    static ManagedChannel channel;
    static List<X509Certificate> servedChain = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of(), Map.of("bridge.identity.enrolments-per-minute-per-address", 8));
        channel = NettyChannelBuilder.forAddress("localhost", bridge.grpcPort())
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(bridge.certs().caCertificate().toFile())
                        .build())
                .build();
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        bridge.close();
    }

    @Test
    void aPcWithoutACertificateEnrolsAndGetsItsCertificateAndTheCa() throws Exception {
        EnrolmentCode code = newCode("oran-01");
        var keys = AgentKeys.generate();

        EnrollResponse response = stub().enroll(request(code.secret())
                .setCertificateRequest(ByteString.copyFrom(CertificateRequests.create(keys, "caisse-1")))
                .build());

        assertThat(response.getStoreId()).isEqualTo("oran-01");
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(response.getCertificate().newInput());
        assertThat(certificate.getPublicKey()).isEqualTo(keys.getPublic());
        assertThat(response.getCaCertificatesList()).hasSize(1);
        assertThat(audit("oran-01")).contains("enrolment-code.create", "enrolment-code.use");
    }

    @Test
    void aMalformedCodeOrRequestIsRefusedAndTheCodeStaysUnused() throws Exception {
        EnrolmentCode code = newCode("oran-02");

        StatusRuntimeException shortCode =
                refusal(request("01AB-CDEF").setCertificateRequest(csr()).build());
        StatusRuntimeException notARequest = refusal(request(code.secret())
                .setCertificateRequest(ByteString.copyFromUtf8("not a request"))
                .build());
        StatusRuntimeException longHostname = refusal(request(code.secret())
                .setCertificateRequest(csr())
                .setHostname("h".repeat(256))
                .build());
        StatusRuntimeException hugeRequest = refusal(request(code.secret())
                .setCertificateRequest(ByteString.copyFrom(new byte[CertificateRequests.MAX_BYTES + 1]))
                .build());

        assertThat(shortCode.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(shortCode.getStatus().getDescription())
                .isEqualTo("enrolment code: 8 symbols (expected: the 12-symbol secret part, or the whole code"
                        + " XXXX-XXXX-XXXX-XXXX-XXXX-XXXX)");
        assertThat(notARequest.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(notARequest.getStatus().getDescription()).startsWith("certificate request: not a PKCS#10 request");
        assertThat(longHostname.getStatus().getDescription())
                .isEqualTo("hostname: 256 characters (expected: at most 255)");
        assertThat(hugeRequest.getStatus().getDescription())
                .isEqualTo("certificate_request: 4097 bytes (expected: at most 4096)");
        // Nothing was used: the code still works.
        assertThat(stub().enroll(request(code.secret())
                                .setCertificateRequest(csr())
                                .build())
                        .getStoreId())
                .isEqualTo("oran-02");
        assertThat(audit(null)).contains("enrolment-code.refuse");
    }

    @Test
    void anUnknownCodeIsPermissionDeniedWithAMessageForThePersonAtTheShop() {
        StatusRuntimeException refused =
                refusal(request("0123-4567-89AB").setCertificateRequest(csr()).build());

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(refused.getStatus().getDescription())
                .startsWith("this enrolment code is not known to the server: check it")
                .endsWith("or ask IT for a new one");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aServerWithoutTheCaKeyRefusesSayingSoAndTheCodeStaysUnused() throws Exception {
        EnrolmentCode code = newCode("oran-03");
        IdentityConfig configured = bridge.server().getBean(IdentityConfig.class);
        IdentityConfig withoutKey = new IdentityConfig(
                null,
                configured.certificateLifetime(),
                configured.backdate(),
                configured.enrolmentCodeLifetime(),
                configured.clockSkewWarning(),
                configured.agentAddress(),
                configured.enrolmentsPerMinute(),
                configured.enrolmentsPerMinutePerAddress(),
                configured.renewalsPerHour());
        var context = bridge.server();
        EnrolmentCodes codes = new EnrolmentCodes(
                context.getBean(EnrolmentCodeRepository.class),
                context.getBean(AuditLogRepository.class),
                context.getBean(CertificateIssuer.class),
                new IssuingCa(
                        withoutKey,
                        context.getBean(StoreCas.class),
                        new CaKeys(Files.createTempDirectory("no-ca-keys"), null)),
                context.getBean(ServerCertificateCa.class),
                withoutKey,
                context.getBean(GrpcServerConfig.class),
                context.getBean(TransactionOperations.class),
                java.time.Clock.systemUTC());

        EnrolmentRefusedException refused = catchThrowableOfType(
                EnrolmentRefusedException.class,
                () -> codes.enrol(code.text(), csr().toByteArray(), "caisse-1", "127.0.0.1:1"));

        assertThat(refused.reason()).isEqualTo(EnrolmentRefusedException.Reason.NO_ISSUING_CA);
        assertThat(refused.getMessage()).contains("holds no issuing CA key, bridge.identity.ca-key");
        assertThat(stub().enroll(request(code.secret())
                                .setCertificateRequest(csr())
                                .build())
                        .getStoreId())
                .isEqualTo("oran-03");
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it uses up this address's calls for the minute
    void tooManyCallsFromOneAddressAreRefusedForAMinute() {
        // This class's other tests make a few calls too; the limit here is 8 a minute per address.
        List<Status.Code> codes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            try {
                stub().enroll(request("0123-4567-89AB")
                        .setCertificateRequest(csr())
                        .build());
            } catch (StatusRuntimeException e) {
                codes.add(e.getStatus().getCode());
            }
        }

        assertThat(codes).contains(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(codes.get(codes.size() - 1)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    private static EnrollmentGrpc.EnrollmentBlockingStub stub() {
        return EnrollmentGrpc.newBlockingStub(channel);
    }

    private static StatusRuntimeException refusal(EnrollRequest request) {
        return catchThrowableOfType(StatusRuntimeException.class, () -> stub().enroll(request));
    }

    private static EnrollRequest.Builder request(String code) {
        return EnrollRequest.newBuilder().setCode(code).setHostname("caisse-1").setAgentVersion("test");
    }

    private static ByteString csr() {
        return ByteString.copyFrom(CertificateRequests.create(AgentKeys.generate(), "caisse-1"));
    }

    private static EnrolmentCode newCode(String store) {
        return EnrolmentCode.parse(bridge.server()
                .getBean(EnrolmentCodes.class)
                .create("it", store, null)
                .code());
    }

    /** The audit log's actions (of {@code store}, or of none). */
    @SuppressWarnings("unchecked")
    private static List<String> audit(String store) {
        TransactionOperations<Connection> transactions = bridge.server().getBean(TransactionOperations.class);
        return transactions.executeRead(status -> {
            String where = store == null ? "store_id IS NULL" : "store_id = ?";
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement("SELECT action FROM audit_log WHERE " + where + " ORDER BY at")) {
                if (store != null) {
                    query.setString(1, store);
                }
                List<String> actions = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        actions.add(rows.getString(1));
                    }
                }
                return actions;
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
