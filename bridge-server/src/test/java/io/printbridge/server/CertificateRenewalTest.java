package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import io.printbridge.agent.Agent;
import io.printbridge.agent.identity.CertificateRenewal;
import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Pem;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.RenewCertificate;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.StoreCertificateRepository;
import io.printbridge.server.identity.StoreCertificateRow;
import io.printbridge.server.identity.StoreRevocationRepository;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.RawAgent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate renewal by itself, through the real server and real agents with real certificates
 * that live 20 seconds (backdated 1 s), so renewal happens during the test: jobs flowing across the
 * switch are all done once, the old certificate is retired only after the new one was seen in a
 * handshake, a lost answer locks nobody out, a refused renewal keeps the agent running, a revoked
 * store is not renewed, and a store renews at most {@code renewals-per-hour} times an hour.
 */
class CertificateRenewalTest {

    private static final int RENEWALS_PER_HOUR = 4;
    /** Put in use at once, asked again within a second: the test's pace, not a shop's. */
    private static final RenewalSettings FAST = new RenewalSettings(
            Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("constantine-01", "ghardaia-02", "batna-03", "skikda-04", "jijel-05", "oran-06"),
                Map.of(
                        "bridge.identity.certificate-lifetime", "20s",
                        "bridge.identity.backdate", "1s",
                        "bridge.identity.renewals-per-hour", RENEWALS_PER_HOUR));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theAgentRenewsByItselfWhileAHundredJobsFlowAndEveryJobIsDoneOnce() throws Exception {
        TlsFiles tls = enrolled("constantine-01", "caisse-1");
        X509Certificate enrolled = Pem.readCertificate(tls.certificate());
        VirtualPrinter printer = new VirtualPrinter();
        Agent agent = Bridge.connected(bridge.startAgent(tls, printer, FAST));
        // Slow enough that the renewal (at about 10 s) comes while jobs are printing.
        printer.delayPerWrite(Duration.ofMillis(60));

        List<String> ids = submitHundredJobs("constantine-01");
        StoreCertificateRow renewed = awaitRenewalSeen("constantine-01", Duration.ofSeconds(30));
        int doneAtRenewal = countDone(ids);
        printer.delayPerWrite(Duration.ZERO);

        for (String id : ids) {
            JsonNode job = bridge.json(bridge.get("/api/v1/jobs/" + id + "?wait=30"));
            assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
        }
        String printed = new String(printer.printed(), StandardCharsets.ISO_8859_1);
        for (int i = 0; i < ids.size(); i++) {
            assertThat(occurrences(printed, marker(i))).as(marker(i)).isEqualTo(1);
        }
        assertThat(doneAtRenewal)
                .as("jobs done when the renewed certificate was first seen")
                .isLessThan(100);
        // The agent now dials with the renewed pair, and the enrolled one is retired, only after that.
        assertThat(Pem.readCertificate(tls.certificate()).getSerialNumber()).isNotEqualTo(enrolled.getSerialNumber());
        StoreCertificateRow first = awaitRetired(CertificateIssuer.serialOf(enrolled));
        assertThat(first.retiredAt()).isAfterOrEqualTo(renewed.firstSeenAt());
        assertThat(renewed.issuedBy()).isEqualTo("RENEWAL");
        assertThat(renewed.hostname()).isNotBlank();
        assertThat(agent.link().awaitConnected(Duration.ofSeconds(10))).isTrue();
    }

    @Test
    void aLostRenewalAnswerLocksNobodyOutAndRetiresNothing() throws Exception {
        TlsFiles tls = enrolled("ghardaia-02", "caisse-1");
        X509Certificate enrolled = Pem.readCertificate(tls.certificate());

        // A stream that asks, gets its certificate, and drops it (a cut connection, a crash).
        X509Certificate lost;
        try (RawAgent raw = raw(tls)) {
            raw.connect(hello());
            assertThat(next(raw).hasWelcome()).isTrue();
            raw.send(renew(AgentKeys.generate()));
            ServerMessage answer = next(raw);
            assertThat(answer.hasRenewed()).as(answer.toString()).isTrue();
            lost = io.printbridge.agent.identity.CertificateFiles.parse(
                    answer.getRenewed().getCertificate().toByteArray());
        }

        Agent agent = Bridge.connected(bridge.startAgentWithoutRenewal(tls, new VirtualPrinter()));
        JsonNode job = bridge.json(bridge.post("/api/v1/stores/ghardaia-02/jobs?wait=10", "{\"type\":\"status\"}"));

        assertThat(job.get("state").asText()).isEqualTo("DONE");
        StoreCertificateRow never = row(CertificateIssuer.serialOf(lost));
        assertThat(never.firstSeenAt()).isNull();
        assertThat(row(CertificateIssuer.serialOf(enrolled)).retiredAt()).isNull();
        agent.close();
    }

    @Test
    void aStoreRenewsAtMostRenewalsPerHourAndARefusedRenewalKeepsTheAgentRunning() throws Exception {
        TlsFiles tls = enrolled("batna-03", "caisse-1");
        try (RawAgent raw = raw(tls)) {
            raw.connect(hello());
            assertThat(next(raw).hasWelcome()).isTrue();
            for (int i = 0; i < RENEWALS_PER_HOUR; i++) {
                raw.send(renew(AgentKeys.generate()));
                assertThat(next(raw).hasRenewed()).isTrue();
            }

            raw.send(renew(AgentKeys.generate()));
            ServerMessage refused = next(raw);

            assertThat(refused.hasRenewalRefused()).as(refused.toString()).isTrue();
            assertThat(refused.getRenewalRefused().getMessage())
                    .startsWith("too many renewals: store batna-03 was issued " + RENEWALS_PER_HOUR);
        }

        // The real agent, due for renewal a few seconds from now, is refused the same way and runs on.
        try (LogCapture log = new LogCapture("io.printbridge.agent.identity.CertificateRenewal")) {
            Agent agent = Bridge.connected(bridge.startAgent(tls, new VirtualPrinter(), FAST));
            log.await(
                    "the server refused to renew this agent's certificate: too many renewals", Duration.ofSeconds(30));

            JsonNode job = bridge.json(bridge.post("/api/v1/stores/batna-03/jobs?wait=10", "{\"type\":\"status\"}"));
            assertThat(job.get("state").asText()).isEqualTo("DONE");
            assertThat(agent.renewal().orElseThrow().state()).isNotEqualTo(CertificateRenewal.State.EXPIRED);
            agent.close();
        }
    }

    @Test
    void renewalsIssuedByAnotherServerSharingTheDatabaseCountTowardsTheHourlyBound() throws Exception {
        TlsFiles tls = enrolled("oran-06", "caisse-1");
        StoreCertificateRepository certificates = bridge.server().getBean(StoreCertificateRepository.class);
        Instant now = Instant.now();
        for (int i = 0; i < RENEWALS_PER_HOUR; i++) {
            // What another server (or this one before a restart) recorded for the store.
            certificates.insert(
                    "elsewhere-" + i, "oran-06", now, now.plusSeconds(20), now, "RENEWAL", "ca", "caisse-1");
        }
        try (RawAgent raw = raw(tls)) {
            raw.connect(hello());
            assertThat(next(raw).hasWelcome()).isTrue();

            raw.send(renew(AgentKeys.generate()));
            ServerMessage refused = next(raw);

            assertThat(refused.hasRenewalRefused()).as(refused.toString()).isTrue();
            assertThat(refused.getRenewalRefused().getMessage()).startsWith("too many renewals: store oran-06");
        }
    }

    @Test
    void aRevokedStoresRenewalIsRefused() throws Exception {
        TlsFiles tls = enrolled("skikda-04", "caisse-1");
        try (RawAgent raw = raw(tls)) {
            raw.connect(hello());
            assertThat(next(raw).hasWelcome()).isTrue();
            // Revoked by another server sharing the database: this one has not read it yet, so the
            // stream is still open, and the renewal must read it.
            bridge.server()
                    .getBean(StoreRevocationRepository.class)
                    .insert("skikda-04", Instant.now(), "cli:it", "PC stolen");

            raw.send(renew(AgentKeys.generate()));
            ServerMessage refused = next(raw);

            assertThat(refused.hasRenewalRefused()).as(refused.toString()).isTrue();
            assertThat(refused.getRenewalRefused().getMessage())
                    .contains("store skikda-04 was revoked at")
                    .contains("ask IT for a new enrolment code");
        }
        assertThat(bridge.server().getBean(StoreCertificateRepository.class).findByStore("skikda-04"))
                .extracting(StoreCertificateRow::issuedBy)
                .containsExactly("ENROLMENT");
    }

    @Test
    void aRequestThatIsNotACertificateRequestIsRefusedAndTheStreamGoesOn() throws Exception {
        TlsFiles tls = enrolled("jijel-05", "caisse-1");
        try (RawAgent raw = raw(tls)) {
            raw.connect(hello());
            assertThat(next(raw).hasWelcome()).isTrue();

            raw.send(AgentMessage.newBuilder()
                    .setRenew(RenewCertificate.newBuilder().setCertificateRequest(ByteString.copyFromUtf8("not DER")))
                    .build());
            ServerMessage refused = next(raw);

            assertThat(refused.getRenewalRefused().getMessage()).startsWith("certificate request: ");
            raw.send(renew(AgentKeys.generate()));
            assertThat(next(raw).hasRenewed()).isTrue();
        }
    }

    // ------------------------------------------------------------------ helpers

    /** What an enrolment leaves on the PC: a key made there, and a certificate the server issued for it. */
    private static TlsFiles enrolled(String store, String hostname) throws Exception {
        KeyPair keys = AgentKeys.generate();
        X509Certificate certificate = bridge.server()
                .getBean(CertificateIssuer.class)
                .issue(CertificateRequests.create(keys, hostname), store, CertificateIssuer.Origin.ENROLMENT, hostname)
                .certificate();
        Path folder = dir.resolve("pc-" + store);
        Path file = new IssuedCertificate(certificate, keys.getPrivate()).writePem(folder, "agent");
        // Each PC has its own copy of the CA bundle, which renewal may replace.
        java.nio.file.Files.copy(bridge.certs().caCertificate(), folder.resolve("ca.pem"));
        return new TlsFiles(file, folder.resolve("agent.key"), folder.resolve("ca.pem"));
    }

    private static RawAgent raw(TlsFiles tls) throws Exception {
        return new RawAgent(
                bridge.grpcPort(),
                java.util.Objects.requireNonNull(tls.certificate()),
                java.util.Objects.requireNonNull(tls.key()),
                tls.trustedCa());
    }

    private static AgentMessage hello() {
        return AgentMessage.newBuilder()
                .setHello(Hello.newBuilder()
                        .setAgentVersion("test")
                        .setProtocolVersion(3)
                        .setHostname("caisse-raw"))
                .build();
    }

    private static AgentMessage renew(KeyPair keys) {
        return AgentMessage.newBuilder()
                .setRenew(RenewCertificate.newBuilder()
                        .setCertificateRequest(ByteString.copyFrom(CertificateRequests.create(keys, "caisse-raw"))))
                .build();
    }

    /** The next message that is not a heartbeat echo, within 10 s. */
    private static ServerMessage next(RawAgent raw) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            ServerMessage message = raw.next(Duration.ofMillis(100));
            // Echoes, and the CA bundle every revision-3 stream is handed after its Welcome, are not
            // what these tests wait for.
            if (message != null && !message.hasHeartbeatEcho() && !message.hasTrust()) {
                return message;
            }
        }
        throw new AssertionError("no message from the server within 10 s");
    }

    private static List<String> submitHundredJobs(String store) throws Exception {
        StringBuilder body = new StringBuilder("{\"jobs\":[");
        for (int i = 0; i < 100; i++) {
            String data = Base64.getEncoder().encodeToString((marker(i) + "\n").getBytes(StandardCharsets.US_ASCII));
            body.append(i == 0 ? "" : ",")
                    .append("{\"type\":\"raw\",\"data\":\"")
                    .append(data)
                    .append("\"}");
        }
        JsonNode batch = bridge.json(bridge.post(
                "/api/v1/stores/" + store + "/jobs/batch", body.append("]}").toString()));
        List<String> ids = new ArrayList<>();
        batch.get("jobs").forEach(job -> ids.add(job.get("id").asText()));
        assertThat(ids).as(batch.toString()).hasSize(100);
        return ids;
    }

    private static String marker(int i) {
        return String.format("renewal-job-%03d;", i);
    }

    private static int countDone(List<String> ids) throws Exception {
        int done = 0;
        for (String id : ids) {
            if (bridge.json(bridge.get("/api/v1/jobs/" + id))
                    .get("state")
                    .asText()
                    .equals("DONE")) {
                done++;
            }
        }
        return done;
    }

    private static int occurrences(String text, String fragment) {
        int count = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            count++;
        }
        return count;
    }

    /** The store's renewed certificate, once a handshake showed it. */
    private static StoreCertificateRow awaitRenewalSeen(String store, Duration timeout) throws Exception {
        StoreCertificateRepository certificates = bridge.server().getBean(StoreCertificateRepository.class);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (StoreCertificateRow row : certificates.findByStore(store)) {
                if (row.issuedBy().equals("RENEWAL") && row.firstSeenAt() != null) {
                    return row;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no renewed certificate of " + store + " seen within " + timeout + ": "
                + certificates.findByStore(store));
    }

    private static StoreCertificateRow awaitRetired(String serial) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            StoreCertificateRow row = row(serial);
            if (row.retiredAt() != null) {
                return row;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("certificate " + serial + " not retired within 10 s: " + row(serial));
    }

    private static StoreCertificateRow row(String serial) {
        return bridge.server()
                .getBean(StoreCertificateRepository.class)
                .findById(serial)
                .orElseThrow(() -> new AssertionError("certificate " + serial + " not recorded"));
    }
}
