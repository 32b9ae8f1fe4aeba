package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.identity.RenewalSettings;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateAuthority;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.IssuedCertificate;
import io.printbridge.certs.Pem;
import io.printbridge.certs.Validity;
import io.printbridge.server.grpc.AgentLinkServer;
import io.printbridge.server.identity.CaRollover;
import io.printbridge.server.identity.CaState;
import io.printbridge.server.identity.CertificateIssuer;
import io.printbridge.server.identity.StoreCertificateRepository;
import io.printbridge.server.identity.StoreCertificateRow;
import io.printbridge.server.testing.Bridge;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CA rollover over a fleet: twenty in-process agents with certificates that live 20 seconds,
 * printing all along, while IT adds a new store CA and makes it the issuing one. Renewals move
 * every shop over by themselves, the pushed bundle lets the agents accept a server certificate
 * from the new CA, and then the old CA can be retired, with no job lost or printed twice.
 */
class CaFleetRolloverTest {

    private static final int STORES = 20;
    private static final int JOBS_PER_WAVE = 4;
    private static final RenewalSettings FAST = new RenewalSettings(
            Duration.ofMillis(300), Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(5));

    @TempDir
    Path dir;

    private final List<Agent> agents = new ArrayList<>();
    private Bridge bridge;

    @AfterEach
    void stop() {
        agents.forEach(Agent::close);
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void twentyShopsMoveToTheNewCaByRenewalWhilePrintingAndTheOldCaIsRetiredWithNoJobLost() throws Exception {
        bridge = new Bridge(
                dir,
                List.of(),
                Map.of(
                        "bridge.identity.certificate-lifetime", "20s",
                        "bridge.identity.backdate", "1s",
                        "bridge.identity.renewals-per-hour", 1000));
        X509Certificate oldCa = Pem.readCertificate(bridge.certs().caCertificate());
        Map<String, VirtualPrinter> printers = new LinkedHashMap<>();
        Map<String, TlsFiles> pcs = new LinkedHashMap<>();
        for (int i = 1; i <= STORES; i++) {
            String store = String.format("wilaya-%02d", i);
            VirtualPrinter printer = new VirtualPrinter();
            TlsFiles tls = enrolled(store);
            agents.add(Bridge.connected(bridge.startAgent(tls, printer, FAST)));
            printers.put(store, printer);
            pcs.put(store, tls);
        }
        Map<String, List<String>> jobs = new LinkedHashMap<>();
        submitWave(jobs, "before");

        // IT: a new CA, trusted beside the old one and handed to the shops, then issuing.
        CertificateAuthority newCa = CertificateAuthority.create("printbridge store CA 2027", Duration.ofDays(30));
        Path newCaFiles = dir.resolve("new-ca");
        newCa.writePem(newCaFiles, "ca");
        String newFingerprint = Fingerprints.sha256Hex(newCa.certificate());
        rollover().add("it", newCa.certificate(), Pem.readPrivateKey(newCaFiles.resolve("ca.key")));
        rollover().issueFrom("it", newFingerprint);
        submitWave(jobs, "during");

        // Renewals move every shop over by themselves; each PC now trusts both CAs for the server.
        await(
                () -> pcs.keySet().stream().allMatch(store -> inUseFrom(store, newFingerprint)),
                "every shop on the new CA");
        for (TlsFiles tls : pcs.values()) {
            assertThat(Pem.parseCertificates(
                            Files.readString(tls.trustedCa()), tls.trustedCa().toString()))
                    .contains(oldCa, newCa.certificate());
        }

        // IT replaces the server's certificate with one from the new CA once every store was handed
        // it (all were connected); shops keep connecting.
        assertThat(status(newFingerprint).storesNotSeenSinceAdded()).isZero();
        Path staged = newCa.issueServer(List.of("localhost", "127.0.0.1"), Validity.fromNow(Duration.ofDays(30)))
                .writePem(dir.resolve("staged"), "server");
        Files.move(
                dir.resolve("staged").resolve("server.key"),
                bridge.certs().serverKey(),
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(staged, bridge.certs().serverCertificate(), StandardCopyOption.REPLACE_EXISTING);
        bridge.server().getBean(AgentLinkServer.class).reloadCertificate();
        Instant switched = Instant.now();
        await(
                () -> pcs.keySet().stream().allMatch(store -> seenSince(store, newFingerprint, switched)),
                "every shop connected again through the new server certificate");

        // Nothing depends on the old CA any more: it can go.
        CaRollover.CaStatus old = status(Fingerprints.sha256Hex(oldCa));
        assertThat(old.liveCertificates()).as(old.toString()).isZero();
        assertThat(old.signsServerCertificate()).isFalse();
        CaRollover.Retired retired = rollover().retire("it", Fingerprints.sha256Hex(oldCa), false);
        assertThat(retired.ca().state()).isEqualTo(CaState.RETIRED);
        submitWave(jobs, "after");

        for (Map.Entry<String, List<String>> store : jobs.entrySet()) {
            for (String id : store.getValue()) {
                JsonNode job = bridge.json(bridge.get("/api/v1/jobs/" + id + "?wait=30"));
                assertThat(job.get("state").asText()).as(job.toString()).isEqualTo("DONE");
            }
        }
        for (Map.Entry<String, VirtualPrinter> store : printers.entrySet()) {
            String printed = new String(store.getValue().printed(), StandardCharsets.ISO_8859_1);
            for (String wave : List.of("before", "during", "after")) {
                for (int i = 0; i < JOBS_PER_WAVE; i++) {
                    String marker = marker(store.getKey(), wave, i);
                    assertThat(occurrences(printed, marker)).as(marker).isEqualTo(1);
                }
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private CaRollover rollover() {
        return bridge.server().getBean(CaRollover.class);
    }

    private CaRollover.CaStatus status(String fingerprint) {
        return rollover().status().stream()
                .filter(ca -> ca.fingerprint().equals(fingerprint))
                .findFirst()
                .orElseThrow();
    }

    /** What an enrolment leaves on the PC: its own key, a certificate the server issued, the CA bundle. */
    private TlsFiles enrolled(String store) throws Exception {
        KeyPair keys = AgentKeys.generate();
        X509Certificate certificate = bridge.server()
                .getBean(CertificateIssuer.class)
                .issue(
                        CertificateRequests.create(keys, "caisse-1"),
                        store,
                        CertificateIssuer.Origin.ENROLMENT,
                        "caisse-1")
                .certificate();
        Path folder = dir.resolve("pc-" + store);
        Path file = new IssuedCertificate(certificate, keys.getPrivate()).writePem(folder, "agent");
        Files.copy(bridge.certs().caCertificate(), folder.resolve("ca.pem"));
        return new TlsFiles(file, folder.resolve("agent.key"), folder.resolve("ca.pem"));
    }

    /** Whether the store's newest certificate seen in a handshake comes from the CA {@code fingerprint}. */
    private boolean inUseFrom(String store, String fingerprint) {
        return certificates(store).stream()
                .filter(row -> row.firstSeenAt() != null && row.retiredAt() == null)
                .anyMatch(row -> row.caFingerprint().equals(fingerprint));
    }

    /** Whether a certificate of the store from the CA {@code fingerprint} was first seen after {@code since}. */
    private boolean seenSince(String store, String fingerprint, Instant since) {
        return certificates(store).stream()
                .anyMatch(row -> row.caFingerprint().equals(fingerprint)
                        && row.firstSeenAt() != null
                        && row.firstSeenAt().isAfter(since));
    }

    private List<StoreCertificateRow> certificates(String store) {
        return bridge.server().getBean(StoreCertificateRepository.class).findByStore(store);
    }

    private void submitWave(Map<String, List<String>> jobs, String wave) throws Exception {
        for (int s = 1; s <= STORES; s++) {
            String store = String.format("wilaya-%02d", s);
            StringBuilder body = new StringBuilder("{\"jobs\":[");
            for (int i = 0; i < JOBS_PER_WAVE; i++) {
                String data = Base64.getEncoder()
                        .encodeToString((marker(store, wave, i) + "\n").getBytes(StandardCharsets.US_ASCII));
                body.append(i == 0 ? "" : ",")
                        .append("{\"type\":\"raw\",\"data\":\"")
                        .append(data)
                        .append("\"}");
            }
            JsonNode batch = bridge.json(bridge.post(
                    "/api/v1/stores/" + store + "/jobs/batch", body.append("]}").toString()));
            List<String> ids = jobs.computeIfAbsent(store, key -> new ArrayList<>());
            batch.get("jobs").forEach(job -> ids.add(job.get("id").asText()));
            assertThat(batch.get("jobs")).as(batch.toString()).hasSize(JOBS_PER_WAVE);
        }
    }

    private static String marker(String store, String wave, int i) {
        return store + "-" + wave + "-" + i + ";";
    }

    private static int occurrences(String text, String fragment) {
        int count = 0;
        for (int at = text.indexOf(fragment); at >= 0; at = text.indexOf(fragment, at + 1)) {
            count++;
        }
        return count;
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 90 s: " + what);
    }
}
