package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Validity;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.CertificateStanding;
import io.printbridge.server.identity.StoreRevocationRepository;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.RawAgent;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shop's identity through the real server and agents: a revoked store's live stream is told
 * REVOKED and closed within seconds and its certificates cannot come back, while one issued after
 * the revocation can; a certificate retired by a renewal in use is refused; an expired certificate's
 * live stream is closed; two PCs with one certificate are recorded, and the replaced one comes back
 * after a while instead of stopping for good; a PC whose clock is far off is logged.
 */
class StoreIdentityTest {

    private static final String ADMIN = "admin-token-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("blida-01", "bejaia-02", "annaba-03", "medea-04", "tlemcen-05", "oran-06", "setif-07"),
                Map.of(
                        "bridge.api.tokens.it.sha256",
                        ApiTokens.sha256(ADMIN),
                        "bridge.api.tokens.it.scopes",
                        List.of("admin"),
                        "bridge.streams.superseded-retry",
                        "2s",
                        "bridge.identity.certificate-lifetime",
                        "30d"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aRevokedStoresLiveStreamIsClosedWithinSecondsAndItsCertificateCannotComeBack() throws Exception {
        Agent agent = Bridge.connected(bridge.startAgent("blida-01", new VirtualPrinter()));

        long before = System.nanoTime();
        HttpResponse<String> revoked = revoke("blida-01", "PC stolen from the shop");
        ConnectionLifecycleTest.awaitState(agent, state -> state == AgentLink.State.STOPPED);

        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        Agent again = bridge.startAgent("blida-01", new VirtualPrinter());
        ConnectionLifecycleTest.awaitState(again, state -> state == AgentLink.State.STOPPED);
        JsonNode store = store("blida-01");
        assertThat(store.get("revokedAt").asText())
                .isEqualTo(bridge.json(revoked).get("revokedAt").asText());
        assertThat(store.get("online").asBoolean()).isFalse();
    }

    @Test
    void aCertificateIssuedAfterTheRevocationBringsTheStoreBack() throws Exception {
        Bridge.connected(bridge.startAgent("bejaia-02", new VirtualPrinter())).close();
        assertThat(revoke("bejaia-02", "reinstalled").statusCode()).isEqualTo(200);

        // What an enrolment with a new code does: the server issues for a key the PC made, after
        // the revocation (valid from an hour before, yet accepted).
        TlsFiles fresh = issued("bejaia-02", "caisse-neuve");
        Agent agent = Bridge.connected(bridge.startAgent(fresh, new VirtualPrinter(), bridge.grpcPort()));

        JsonNode job = bridge.json(bridge.post("/api/v1/stores/bejaia-02/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        agent.close();
    }

    @Test
    void aCertificateRetiredByARenewalInUseIsRefused() throws Exception {
        TlsFiles first = issued("annaba-03", "caisse-1");
        Bridge.connected(bridge.startAgent(first, new VirtualPrinter(), bridge.grpcPort()))
                .close();
        TlsFiles renewed = issued("annaba-03", "caisse-1");
        Agent agent = Bridge.connected(bridge.startAgent(renewed, new VirtualPrinter(), bridge.grpcPort()));
        awaitRetired("annaba-03", 1);
        agent.close();

        // A copy of the first certificate, after the renewal was seen in use: refused.
        Agent copy = bridge.startAgent(first, new VirtualPrinter(), bridge.grpcPort());
        ConnectionLifecycleTest.awaitState(copy, state -> state == AgentLink.State.STOPPED);
    }

    @Test
    void aLiveStreamWhoseCertificateExpiresIsClosed() throws Exception {
        Instant now = Instant.now();
        bridge.certs().issueAgent("medea-04", new Validity(now.minusSeconds(60), now.plusSeconds(3)));
        try (LogCapture log = new LogCapture("io.printbridge.server.streams.AgentStream")) {
            // An agent that does not renew (older, or its renewals refused): its certificate runs out live.
            Agent agent = Bridge.connected(bridge.startAgentWithoutRenewal("medea-04", new VirtualPrinter()));

            ConnectionLifecycleTest.awaitState(agent, state -> state == AgentLink.State.STOPPED);

            assertThat(log.messagesContaining("certificate for store medea-04 expired"))
                    .isNotEmpty();
        }
        assertThat(store("medea-04").at("/certificate/state").asText()).isEqualTo("EXPIRED");
        assertThat(store("medea-04").at("/certificate/summary").asText()).startsWith("certificate expired on ");
    }

    @Test
    void twoPcsWithOneCertificateAreRecordedAndTheReplacedOneComesBackAfterTheImpostorLeaves() throws Exception {
        Agent real = Bridge.connected(bridge.startAgent("tlemcen-05", new VirtualPrinter()));

        Agent impostor = Bridge.connected(bridge.startAgent("tlemcen-05", new VirtualPrinter()));
        ConnectionLifecycleTest.awaitState(real, state -> state == AgentLink.State.WAITING);
        JsonNode conflicts =
                bridge.await("/api/v1/stores", s -> storeIn(s, "tlemcen-05").has("conflicts"), Duration.ofSeconds(5));
        impostor.close(); // a one-shot connection

        assertThat(storeIn(conflicts, "tlemcen-05").at("/conflicts/count").asLong())
                .isEqualTo(1);
        assertThat(storeIn(conflicts, "tlemcen-05")
                        .at("/conflicts/replacedPeer")
                        .asText())
                .startsWith("127.0.0.1:");
        // superseded-retry is 2 s here (60 s by default): the real PC takes its store back.
        assertThat(real.link().awaitConnected(Duration.ofSeconds(15))).isTrue();
    }

    @Test
    void aPcWhoseClockIsFarOffIsLoggedWhenItSaysHello() throws Exception {
        var certs = bridge.certs();
        try (LogCapture log = new LogCapture("io.printbridge.server.streams.AgentStream");
                RawAgent agent = new RawAgent(
                        bridge.grpcPort(),
                        certs.agentCertificate("oran-06"),
                        certs.agentKey("oran-06"),
                        certs.caCertificate())) {
            agent.connect(AgentMessage.newBuilder()
                    .setHello(Hello.newBuilder()
                            .setAgentVersion("test")
                            .setProtocolVersion(3)
                            .setAgentTime(ProtoTimestamps.of(Instant.now().plus(Duration.ofHours(2)))))
                    .build());
            ServerMessage welcome = agent.next(Duration.ofSeconds(5));
            assertThat(welcome).as("the Welcome").isNotNull();
            assertThat(welcome.hasWelcome()).isTrue();

            assertThat(log.messagesContaining("ahead of the server's")).hasSize(1);
        }
    }

    @Test
    void aRevocationMadeOnTheDatabaseByAnotherServerClosesTheStreamAtTheNextRead() throws Exception {
        Agent agent = Bridge.connected(bridge.startAgent("setif-07", new VirtualPrinter()));

        // What another server (or the command line on a shared PostgreSQL) leaves in the database.
        bridge.server().getBean(StoreRevocationRepository.class).insert("setif-07", Instant.now(), "cli:it", "test");
        bridge.server().getBean(CertificateStanding.class).refresh(); // every 30 s on its own

        ConnectionLifecycleTest.awaitState(agent, state -> state == AgentLink.State.STOPPED);
    }

    @Test
    void revocationNeedsAnAdminTokenAndAReason() throws Exception {
        HttpResponse<String> withoutAdmin =
                bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/stores/oran-06/revoke"))
                        .header("Authorization", "Bearer " + Bridge.TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}")));
        HttpResponse<String> noReason =
                bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/stores/oran-06/revoke"))
                        .header("Authorization", "Bearer " + ADMIN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(withoutAdmin.statusCode()).isEqualTo(403);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(bridge.json(noReason).at("/error/message").asText()).startsWith("reason: missing");
        assertThat(store("oran-06").has("revokedAt")).isFalse();
    }

    private static HttpResponse<String> revoke(String store, String reason) throws Exception {
        return bridge.send(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/stores/" + store + "/revoke"))
                .header("Authorization", "Bearer " + ADMIN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"" + reason + "\"}")));
    }

    /** A certificate the server issues for a key made here, written beside the others. */
    private static TlsFiles issued(String store, String hostname) throws Exception {
        KeyPair keys = AgentKeys.generate();
        X509Certificate certificate = bridge.server()
                .getBean(CertificateIssuer.class)
                .issue(CertificateRequests.create(keys, hostname), store, CertificateIssuer.Origin.ENROLMENT, hostname)
                .certificate();
        String name = "issued-" + store + "-" + UUID.randomUUID();
        Path file = new IssuedCertificate(certificate, keys.getPrivate()).writePem(dir.resolve("issued"), name);
        return new TlsFiles(
                file,
                dir.resolve("issued").resolve(name + ".key"),
                bridge.certs().caCertificate());
    }

    private static void awaitRetired(String store, int count) throws Exception {
        var repository = bridge.server().getBean(io.printbridge.server.identity.StoreCertificateRepository.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (repository.findByStore(store).stream()
                        .filter(row -> row.retiredAt() != null)
                        .count()
                < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no certificate of " + store + " retired within 10 s");
            }
            Thread.sleep(20);
        }
    }

    private static JsonNode store(String id) throws Exception {
        return storeIn(bridge.json(bridge.get("/api/v1/stores")), id);
    }

    private static JsonNode storeIn(JsonNode stores, String id) {
        for (JsonNode store : stores.get("stores")) {
            if (store.get("storeId").asText().equals(id)) {
                return store;
            }
        }
        throw new AssertionError("store " + id + " not listed: " + stores);
    }
}
