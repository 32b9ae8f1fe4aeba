package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.printbridge.agent.Agent;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.db.StoreRepository;
import io.printbridge.server.grpc.AgentLinkServer;
import io.printbridge.server.identity.CaChangeRefusedException;
import io.printbridge.server.identity.CaRollover;
import io.printbridge.server.identity.CaState;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.StoreCaRepository;
import io.printbridge.server.identity.StoreCertificateRepository;
import io.printbridge.server.identity.StoreCertificateRow;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgent;
import io.printbridge.server.testing.TestDatabase;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rolling the store CA through the real server, its database and real agents: a CA added is
 * trusted at once (and by another server at its next read), handed to live agents, issues once
 * chosen, is counted in the status, and the old one can be retired only once no live certificate
 * and not the server's certificate depend on it; a retired CA's certificates are refused.
 */
class CaRolloverTest {

    private static final String ADMIN = "admin-token-" + UUID.randomUUID();
    private static final Validity DAY = Validity.fromNow(Duration.ofDays(1));

    @TempDir
    Path dir;

    private @Nullable Bridge bridge;

    @AfterEach
    void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    private Bridge start(String... stores) throws Exception {
        return start(Map.of(), stores);
    }

    private Bridge start(Map<String, Object> properties, String... stores) throws Exception {
        bridge = new Bridge(dir, List.of(stores), properties);
        return bridge;
    }

    @Test
    void anAgentCertificateFromAnAddedCaIsAcceptedAndOneFromAnUnknownCaStillRefused() throws Exception {
        Bridge bridge = start();
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        TlsFiles fromSecond = agentFiles(second, "tipaza-01");
        assertRefused(fromSecond);

        rollover().add("test", second.certificate(), null);

        Agent agent = Bridge.connected(bridge.startAgent(fromSecond, new VirtualPrinter(), bridge.grpcPort()));
        assertThat(statusJob("tipaza-01")).isEqualTo("DONE");
        agent.close();
        CertificateAuthority unknown = CertificateAuthority.create("someone else's CA", Duration.ofDays(30));
        assertRefused(agentFiles(unknown, "tipaza-02"));
    }

    @Test
    void aCaAddedByAnotherServerIsTrustedHereAtTheNextRead() throws Exception {
        Bridge bridge = start(Map.of("bridge.identity.ca-refresh-interval", "200ms"));
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));

        // What another server sharing the database (or the command line) leaves there.
        bridge.server()
                .getBean(StoreCaRepository.class)
                .insert(
                        Fingerprints.sha256Hex(second.certificate()),
                        Pem.certificate(second.certificate()),
                        "CN=printbridge store CA 2027",
                        second.certificate().getNotAfter().toInstant(),
                        CaState.TRUSTED.name(),
                        Instant.now(),
                        "another server",
                        null);

        // The agent dials again until the server has read the table.
        Bridge.connected(bridge.startAgent(agentFiles(second, "tipaza-03"), new VirtualPrinter(), bridge.grpcPort()));
    }

    @Test
    void issueFromSwitchesTheCaNewCertificatesComeFrom() throws Exception {
        Bridge bridge = start();
        X509Certificate first = Pem.readCertificate(bridge.certs().caCertificate());
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        X509Certificate before = issue("cherchell-01").certificate();

        rollover()
                .add(
                        "test",
                        second.certificate(),
                        Pem.readPrivateKey(writeCa(second, "second").resolve("ca.key")));
        rollover()
                .issueFrom("test", Fingerprints.sha256Hex(second.certificate()).substring(0, 12));
        CertificateIssuer.Issued after = issue("cherchell-01");

        before.verify(first.getPublicKey());
        after.certificate().verify(second.certificate().getPublicKey());
        assertThat(row(before).caFingerprint()).isEqualTo(Fingerprints.sha256Hex(first));
        assertThat(row(after.certificate()).caFingerprint()).isEqualTo(Fingerprints.sha256Hex(second.certificate()));
        // The agent is told to trust both CAs for the server until the rollover ends.
        assertThat(after.trusted()).containsExactly(second.certificate(), first);
    }

    /**
     * A store that was offline when a CA was added has not been handed it: until it connects, a
     * server certificate from that CA would lock it out, and the status says how many such stores.
     */
    @Test
    void statusCountsTheStoresNotConnectedSinceACaWasAddedUntilTheyConnect() throws Exception {
        Bridge bridge = start("mila-01", "mila-02");
        Agent online = Bridge.connected(bridge.startAgent("mila-01", new VirtualPrinter()));
        Agent closedShop = Bridge.connected(bridge.startAgent("mila-02", new VirtualPrinter()));
        closedShop.close();
        awaitCondition(() -> bridge.server().getBean(StoreRepository.class).findAllStores().stream()
                .anyMatch(row -> row.storeId().equals("mila-02") && row.connectedSince() == null));
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));

        rollover().add("test", second.certificate(), null);

        assertThat(notSeenSinceAdded(second)).isEqualTo(1);
        Agent back = Bridge.connected(bridge.startAgent("mila-02", new VirtualPrinter()));
        awaitCondition(() -> notSeenSinceAdded(second) == 0);
        back.close();
        online.close();
    }

    private long notSeenSinceAdded(CertificateAuthority ca) {
        return rollover().status().stream()
                .filter(status -> status.fingerprint().equals(Fingerprints.sha256Hex(ca.certificate())))
                .findFirst()
                .orElseThrow()
                .storesNotSeenSinceAdded();
    }

    private static void awaitCondition(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(50);
        }
    }

    @Test
    void statusCountsEachCasLiveCertificatesAndStoresAndSaysWhichSignsTheServersCertificate() throws Exception {
        start();
        statusCounts();
    }

    /** The CAs' state is shared by the servers of one PostgreSQL database: the same there. */
    @Test
    void statusCountsTheSameOnPostgresql() throws Exception {
        TestDatabase.assumePostgres();
        bridge = new Bridge(dir, List.of(), Map.of(), TestDatabase.POSTGRES);
        statusCounts();
    }

    private void statusCounts() throws Exception {
        X509Certificate first = Pem.readCertificate(bridge().certs().caCertificate());
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        issue("tenes-01");
        issue("tenes-01");
        issue("tenes-02");
        rollover()
                .add(
                        "test",
                        second.certificate(),
                        Pem.readPrivateKey(writeCa(second, "second").resolve("ca.key")));
        rollover().issueFrom("test", Fingerprints.sha256Hex(second.certificate()));
        issue("tenes-03");

        List<CaRollover.CaStatus> status = rollover().status();

        assertThat(status).hasSize(2);
        CaRollover.CaStatus issuing = status.get(0);
        CaRollover.CaStatus old = status.get(1);
        assertThat(issuing.fingerprint()).isEqualTo(Fingerprints.sha256Hex(second.certificate()));
        assertThat(issuing.state()).isEqualTo(CaState.ISSUING);
        assertThat(issuing.liveCertificates()).isEqualTo(1);
        assertThat(issuing.stores()).isEqualTo(1);
        assertThat(issuing.signsServerCertificate()).isFalse();
        assertThat(issuing.keyOnThisServer()).isTrue();
        assertThat(old.fingerprint()).isEqualTo(Fingerprints.sha256Hex(first));
        assertThat(old.state()).isEqualTo(CaState.TRUSTED);
        assertThat(old.liveCertificates()).isEqualTo(3);
        assertThat(old.stores()).isEqualTo(2);
        assertThat(old.signsServerCertificate()).isTrue();
        assertThat(old.addedBy()).isEqualTo("configuration");
    }

    @Test
    void theOldCaIsRetiredOnlyOnceNoLiveCertificateNorTheServersCertificateDependsOnIt() throws Exception {
        Bridge bridge = start();
        String oldCa = Fingerprints.sha256Hex(Pem.readCertificate(bridge.certs().caCertificate()));
        TlsFiles enrolled = written(issue("blida-01"));
        Bridge.connected(bridge.startAgent(enrolled, new VirtualPrinter(), bridge.grpcPort()))
                .close();
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        rollover()
                .add(
                        "test",
                        second.certificate(),
                        Pem.readPrivateKey(writeCa(second, "second").resolve("ca.key")));
        rollover().issueFrom("test", Fingerprints.sha256Hex(second.certificate()));

        assertThatThrownBy(() -> rollover().retire("test", oldCa, false))
                .isInstanceOf(CaChangeRefusedException.class)
                .hasMessageContaining("1 live agent certificate(s) of 1 store(s) come from it")
                .hasMessageContaining("it signed the server's certificate")
                .hasMessageContaining("--force");
        assertThatThrownBy(() -> rollover().retire("test", Fingerprints.sha256Hex(second.certificate()), true))
                .isInstanceOf(CaChangeRefusedException.class)
                .hasMessageContaining("is the issuing CA");

        // The server's certificate from the new CA, and the shop renewed from it and seen in use.
        second.issueServer(List.of("localhost", "127.0.0.1"), DAY).writePem(dir.resolve("server-2027"), "server");
        Files.copy(
                dir.resolve("server-2027/server.key"), bridge.certs().serverKey(), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(
                dir.resolve("server-2027/server.pem"),
                bridge.certs().serverCertificate(),
                StandardCopyOption.REPLACE_EXISTING);
        bridge.server().getBean(AgentLinkServer.class).reloadCertificate();
        // The renewed agent trusts the bundle it was handed (both CAs), as the agent writes it.
        TlsFiles renewed = written(issue("blida-01"));
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(
                bundle,
                Pem.certificate(Pem.readCertificate(bridge.certs().caCertificate()))
                        + Pem.certificate(second.certificate()));
        Bridge.connected(bridge.startAgent(
                new TlsFiles(renewed.certificate(), renewed.key(), bundle), new VirtualPrinter(), bridge.grpcPort()));
        awaitRetired("blida-01", 1);

        CaRollover.Retired retired = rollover().retire("test", oldCa, false);

        assertThat(retired.liveCertificates()).isZero();
        assertThat(retired.signedServerCertificate()).isFalse();
        assertThat(rollover().resolve(oldCa).state()).isEqualTo(CaState.RETIRED);
        assertThat(statusJob("blida-01")).isEqualTo("DONE");
    }

    @Test
    void aRetiredCasAgentCertificateIsRefusedAtTheNextHandshakeAndItsLiveStreamClosed() throws Exception {
        Bridge bridge = start("setif-01");
        TlsFiles byHand = new TlsFiles(
                bridge.certs().agentCertificate("setif-01"),
                bridge.certs().agentKey("setif-01"),
                bridge.certs().caCertificate());
        // Read before the rollover: the live agent rewrites this file with the CA bundle each
        // change sends it, the issuing CA first. (Read after, it was the new CA's fingerprint
        // whenever the agent's write came first, and retiring the issuing CA is refused.)
        String firstCa =
                Fingerprints.sha256Hex(Pem.readCertificate(bridge.certs().caCertificate()));
        Agent live = Bridge.connected(bridge.startAgent(byHand, new VirtualPrinter(), bridge.grpcPort()));
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        rollover()
                .add(
                        "test",
                        second.certificate(),
                        Pem.readPrivateKey(writeCa(second, "second").resolve("ca.key")));
        rollover().issueFrom("test", Fingerprints.sha256Hex(second.certificate()));

        CaRollover.Retired retired = rollover().retire("test", firstCa, true);

        assertThat(retired.signedServerCertificate()).isTrue();
        // Its live stream is told so, as a revoked store's is, and the next handshake is refused.
        ConnectionLifecycleTest.awaitState(live, state -> state == AgentLink.State.STOPPED);
        assertRefused(byHand);
    }

    @Test
    void aLiveStreamIsHandedTheCaBundleAfterItsWelcomeAndAgainWhenACaIsAdded() throws Exception {
        Bridge bridge = start("annaba-01", "annaba-02");
        ByteString first = ByteString.copyFrom(
                Pem.readCertificate(bridge.certs().caCertificate()).getEncoded());
        try (RawAgent revision3 = rawAgent("annaba-01").connect(hello(3));
                RawAgent revision2 = rawAgent("annaba-02").connect(hello(2))) {
            assertThat(next(revision3).hasWelcome()).isTrue();
            assertThat(next(revision3).getTrust().getCaCertificatesList()).containsExactly(first);
            assertThat(next(revision2).hasWelcome()).isTrue();

            CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
            rollover().add("test", second.certificate(), null);

            assertThat(next(revision3).getTrust().getCaCertificatesList())
                    .containsExactly(
                            first, ByteString.copyFrom(second.certificate().getEncoded()));
            // An agent older than revision 3 takes no bundle: it is sent none.
            ServerMessage other = revision2.next(Duration.ofMillis(500));
            assertThat(other == null || !other.hasTrust())
                    .as(String.valueOf(other))
                    .isTrue();
        }
    }

    @Test
    void theAdminApiListsAddsSwitchesAndRetiresAndRefusesWithTheReason() throws Exception {
        Bridge bridge = start(Map.of(
                "bridge.api.tokens.it.sha256",
                ApiTokens.sha256(ADMIN),
                "bridge.api.tokens.it.scopes",
                List.of("admin")));
        String first = Fingerprints.sha256Hex(Pem.readCertificate(bridge.certs().caCertificate()));
        issue("mila-01");
        CertificateAuthority second = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        ObjectNode body =
                new ObjectMapper().createObjectNode().put("certificate", Pem.certificate(second.certificate()));
        String secondFingerprint = Fingerprints.sha256Hex(second.certificate());

        HttpResponse<String> printToken = admin("GET", "/api/v1/admin/cas", null, Bridge.TOKEN);
        HttpResponse<String> added = admin("POST", "/api/v1/admin/cas", body.toString(), ADMIN);
        HttpResponse<String> noKey = admin("POST", "/api/v1/admin/cas/" + secondFingerprint + "/issue-from", "", ADMIN);
        // The key is put where the server looks for it (ca add --key on its machine, or a copy).
        Path keyFile = dir.resolve("data/ca-keys/" + secondFingerprint + ".key");
        Files.createDirectories(keyFile.getParent());
        Files.copy(writeCa(second, "second").resolve("ca.key"), keyFile);
        HttpResponse<String> issuing =
                admin("POST", "/api/v1/admin/cas/" + secondFingerprint.substring(0, 8) + "/issue-from", "", ADMIN);
        HttpResponse<String> stillNeeded = admin("POST", "/api/v1/admin/cas/" + first + "/retire", "{}", ADMIN);
        HttpResponse<String> listed = admin("GET", "/api/v1/admin/cas", null, ADMIN);

        assertThat(printToken.statusCode()).isEqualTo(403);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        assertThat(bridge.json(added).at("/ca/state").asText()).isEqualTo("TRUSTED");
        assertThat(bridge.json(added).at("/next").asText()).contains(secondFingerprint + ".key");
        assertThat(noKey.statusCode()).isEqualTo(409);
        assertThat(bridge.json(noKey).at("/error/message").asText()).contains("holds no key for store CA");
        assertThat(issuing.statusCode()).as(issuing.body()).isEqualTo(200);
        assertThat(bridge.json(issuing).at("/ca/state").asText()).isEqualTo("ISSUING");
        assertThat(stillNeeded.statusCode()).isEqualTo(409);
        assertThat(bridge.json(stillNeeded).at("/error/code").asText()).isEqualTo("CA_CHANGE_REFUSED");
        assertThat(bridge.json(stillNeeded).at("/error/message").asText())
                .contains("1 live agent certificate(s) of 1 store(s)");
        JsonNode cas = bridge.json(listed).get("cas");
        assertThat(cas).hasSize(2);
        assertThat(cas.get(0).get("fingerprint").asText()).isEqualTo(secondFingerprint);
        assertThat(cas.get(1).get("liveCertificates").asLong()).isEqualTo(1);
        assertThat(cas.get(1).get("signsServerCertificate").asBoolean()).isTrue();
        assertThat(issue("mila-02").certificate().getIssuerX500Principal())
                .isEqualTo(second.certificate().getSubjectX500Principal());
    }

    private HttpResponse<String> admin(String method, String path, @Nullable String json, String token)
            throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(bridge().uri(path)).header("Authorization", "Bearer " + token);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return bridge().send(request);
    }

    // ------------------------------------------------------------------ helpers

    private Bridge bridge() {
        if (bridge == null) {
            throw new IllegalStateException("no bridge started");
        }
        return bridge;
    }

    private CaRollover rollover() {
        return bridge().server().getBean(CaRollover.class);
    }

    private static AgentMessage hello(int revision) {
        return AgentMessage.newBuilder()
                .setHello(Hello.newBuilder().setAgentVersion("test").setProtocolVersion(revision))
                .build();
    }

    private RawAgent rawAgent(String store) throws Exception {
        return new RawAgent(
                bridge().grpcPort(),
                bridge().certs().agentCertificate(store),
                bridge().certs().agentKey(store),
                bridge().certs().caCertificate());
    }

    private static ServerMessage next(RawAgent agent) throws InterruptedException {
        ServerMessage message = agent.next(Duration.ofSeconds(10));
        if (message == null) {
            throw new AssertionError("no message from the server within 10 s");
        }
        return message;
    }

    private String statusJob(String store) throws Exception {
        return bridge().json(bridge().post("/api/v1/stores/" + store + "/jobs?wait=10", "{\"type\":\"status\"}"))
                .get("state")
                .asText();
    }

    /** Dials with {@code files}: the handshake is refused, nothing reaches the service. */
    private void assertRefused(TlsFiles files) throws Exception {
        try (RawAgent agent = new RawAgent(
                bridge().grpcPort(),
                files.certificate(),
                files.key(),
                bridge().certs().caCertificate())) {
            Status status = agent.connect(hello(3)).awaitEnd(Duration.ofSeconds(10));
            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(agent.next(Duration.ZERO)).isNull();
        }
    }

    private TlsFiles agentFiles(CertificateAuthority ca, String store) throws Exception {
        IssuedCertificate issued = ca.issueAgent(store, DAY);
        String name = "agent-" + store + "-" + UUID.randomUUID();
        Path pem = issued.writePem(dir.resolve("agents"), name);
        return new TlsFiles(
                pem,
                dir.resolve("agents").resolve(name + ".key"),
                bridge().certs().caCertificate());
    }

    private Path writeCa(CertificateAuthority ca, String name) throws Exception {
        Path directory = dir.resolve("ca-" + name);
        ca.writePem(directory, "ca");
        return directory;
    }

    /** What an enrolment does: the server issues for a key the PC made. */
    private CertificateIssuer.Issued issue(String store) throws Exception {
        KeyPair keys = AgentKeys.generate();
        CertificateIssuer.Issued issued = bridge().server()
                .getBean(CertificateIssuer.class)
                .issue(CertificateRequests.create(keys, "caisse"), store, CertificateIssuer.Origin.ENROLMENT, "caisse");
        lastKeys = keys;
        return issued;
    }

    private @Nullable KeyPair lastKeys;

    /** The certificate {@link #issue} made last, with its key, as files an agent reads. */
    private TlsFiles written(CertificateIssuer.Issued issued) throws Exception {
        if (lastKeys == null) {
            throw new IllegalStateException("nothing issued");
        }
        String name = "issued-" + UUID.randomUUID();
        Path pem = new IssuedCertificate(issued.certificate(), lastKeys.getPrivate())
                .writePem(dir.resolve("issued"), name);
        return new TlsFiles(
                pem,
                dir.resolve("issued").resolve(name + ".key"),
                bridge().certs().caCertificate());
    }

    private StoreCertificateRow row(X509Certificate certificate) {
        return bridge().server()
                .getBean(StoreCertificateRepository.class)
                .findById(CertificateIssuer.serialOf(certificate))
                .orElseThrow();
    }

    private void awaitRetired(String store, int count) throws Exception {
        StoreCertificateRepository repository = bridge().server().getBean(StoreCertificateRepository.class);
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
}
