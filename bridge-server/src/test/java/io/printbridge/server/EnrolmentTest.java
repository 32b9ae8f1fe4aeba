package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import io.printbridge.agent.Agent;
import io.printbridge.agent.AgentMain;
import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.AgentConfigLoader;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.identity.StoreCertificateRepository;
import io.printbridge.server.testing.Bridge;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enrolment with a one-time code through the real server and the agent's own command line: a
 * fresh PC enrols and prints; a used, expired, revoked or unknown code is refused and nothing is
 * issued; a code naming another CA makes the agent refuse the server before it sends the code; a
 * revoked store comes back with a new code; the admin API needs the admin scope.
 */
class EnrolmentTest {

    private static final String ADMIN = "admin-token-" + UUID.randomUUID();

    @TempDir
    static Path dir;

    static Bridge bridge;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("tizi-09"),
                Map.of(
                        "bridge.api.tokens.it.sha256",
                        ApiTokens.sha256(ADMIN),
                        "bridge.api.tokens.it.scopes",
                        List.of("admin"),
                        "bridge.identity.agent-address",
                        "bridge.example.com:8443"));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aFreshPcEnrolsWithACodeThenRunsAndPrints() throws Exception {
        HttpResponse<String> created = createCode("{\"storeId\":\"alger-01\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode code = bridge.json(created);
        assertThat(code.get("code").asText()).matches("([0-9A-Z]{4}-){5}[0-9A-Z]{4}");
        assertThat(code.get("agentCommand").asText())
                .isEqualTo("bridge-agent enroll --server bridge.example.com:8443 --code "
                        + code.get("code").asText());
        assertThat(Instant.parse(code.get("expiresAt").asText()))
                .isBetween(Instant.now().plusSeconds(23 * 3600), Instant.now().plusSeconds(25 * 3600));
        Path shop = Files.createDirectories(dir.resolve("shop-alger"));
        Path config = virtualPrinterConfig(shop);

        Result enrolled = enroll(code.get("code").asText(), "--config", config.toString());

        assertThat(enrolled.exit()).as(enrolled.err()).isZero();
        assertThat(enrolled.err())
                .contains("enrolled this PC for store alger-01")
                .contains("next: bridge-agent run --config " + config);
        Path key = shop.resolve("certs/agent.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(config))
                .contains("printer.receipt.transport=virtual")
                .contains("tls.key=certs/agent.key")
                .contains("server.address=localhost:" + bridge.grpcPort());
        AgentConfig loaded = new AgentConfigLoader(warning -> {}).load(config, Map.of());
        Agent agent = Bridge.connected(bridge.startAgent(loaded.tls(), new VirtualPrinter(), bridge.grpcPort()));
        JsonNode job = bridge.json(bridge.post("/api/v1/stores/alger-01/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        agent.close();
        JsonNode listed = codes("?storeId=alger-01").get("codes").get(0);
        assertThat(listed.get("state").asText()).isEqualTo("USED");
        assertThat(listed.get("usedByHost").asText()).isNotBlank();
        assertThat(listed.get("id").asText()).isEqualTo(code.get("id").asText());
        assertThat(listed.has("code")).isFalse();
    }

    @Test
    void aCodeWorksOnceAndTheSecondPcIsToldWhenAndByWhichHostItWasUsed() throws Exception {
        String code =
                bridge.json(createCode("{\"storeId\":\"oran-02\"}")).get("code").asText();
        assertThat(enroll(
                                code,
                                "--config",
                                dir.resolve("oran-a/agent.properties").toString())
                        .exit())
                .isZero();

        Result second =
                enroll(code, "--config", dir.resolve("oran-b/agent.properties").toString());

        assertThat(second.exit()).isEqualTo(1);
        assertThat(second.err())
                .contains("the server refused: this enrolment code was already used, on ")
                .contains("by host ")
                .doesNotContain(code.substring(0, 14));
        assertThat(Files.exists(dir.resolve("oran-b/certs/agent.pem"))).isFalse();
        assertThat(certificates("oran-02")).isEqualTo(1);
    }

    @Test
    void anExpiredCodeIsRefusedSayingWhen() throws Exception {
        JsonNode code = bridge.json(createCode("{\"storeId\":\"blida-03\",\"validFor\":\"1m\"}"));
        expire(code.get("id").asText());

        Result refused = enroll(
                code.get("code").asText(),
                "--config",
                dir.resolve("blida/agent.properties").toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("this enrolment code expired on ").contains("ask IT for a new one");
        assertThat(certificates("blida-03")).isZero();
        assertThat(codes("?storeId=blida-03").at("/codes/0/state").asText()).isEqualTo("EXPIRED");
    }

    @Test
    void aRevokedCodeIsRefused() throws Exception {
        JsonNode code = bridge.json(createCode("{\"storeId\":\"setif-04\"}"));
        HttpResponse<String> revoked = admin(HttpRequest.newBuilder(bridge.uri(
                        "/api/v1/admin/enrolment-codes/" + code.get("id").asText() + "/revoke"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(bridge.json(revoked).get("state").asText()).isEqualTo("REVOKED");

        Result refused = enroll(
                code.get("code").asText(),
                "--config",
                dir.resolve("setif/agent.properties").toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("this enrolment code was revoked by IT on ");
        assertThat(certificates("setif-04")).isZero();
    }

    @Test
    void anUnknownCodeIsRefusedAskingToCheckIt() throws Exception {
        String caPart = EnrolmentCode.parse(bridge.json(createCode("{\"storeId\":\"batna-05\"}"))
                        .get("code")
                        .asText())
                .caPart();
        String unknown = new EnrolmentCode("0123456789AB", caPart).text();

        Result refused = enroll(
                unknown, "--config", dir.resolve("batna/agent.properties").toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("this enrolment code is not known to the server: check it");
    }

    @Test
    void aCodeNamingAnotherCaMakesTheAgentRefuseTheServerBeforeSendingIt() throws Exception {
        JsonNode code = bridge.json(createCode("{\"storeId\":\"jijel-06\"}"));
        EnrolmentCode real = EnrolmentCode.parse(code.get("code").asText());
        String otherCa = new EnrolmentCode(real.secret(), "0000000000ZZ").text();

        Result refused = enroll(
                otherCa, "--config", dir.resolve("jijel/agent.properties").toString());

        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err())
                .contains("refused the server at localhost:" + bridge.grpcPort())
                .contains("does not come from the CA this code names")
                .contains("A man in the middle, the wrong server address or a mistyped code are possible")
                .contains("nothing was sent");
        assertThat(codes("?storeId=jijel-06").at("/codes/0/state").asText()).isEqualTo("ACTIVE");
        // The real code still works: nothing reached the server.
        assertThat(enroll(
                                real.text(),
                                "--config",
                                dir.resolve("jijel/agent.properties").toString())
                        .exit())
                .isZero();
    }

    @Test
    void aPcWithAnIdentityIsNotReEnrolledWithoutForce() throws Exception {
        String first = bridge.json(createCode("{\"storeId\":\"skikda-07\"}"))
                .get("code")
                .asText();
        Path config = dir.resolve("skikda/agent.properties");
        assertThat(enroll(first, "--config", config.toString()).exit()).isZero();
        String before = Files.readString(dir.resolve("skikda/certs/agent.pem"));
        String second = bridge.json(createCode("{\"storeId\":\"skikda-07\"}"))
                .get("code")
                .asText();

        Result refused = enroll(second, "--config", config.toString());
        Result forced = enroll(second, "--config", config.toString(), "--force");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("this PC already has an identity").contains("--force");
        assertThat(forced.exit()).as(forced.err()).isZero();
        assertThat(Files.readString(dir.resolve("skikda/certs/agent.pem"))).isNotEqualTo(before);
    }

    @Test
    void aRevokedStoreComesBackWithANewCode() throws Exception {
        Agent old = Bridge.connected(bridge.startAgent("tizi-09", new VirtualPrinter()));
        HttpResponse<String> revoked = admin(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/stores/tizi-09/revoke"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"PC stolen\"}")));
        assertThat(revoked.statusCode()).isEqualTo(200);
        ConnectionLifecycleTest.awaitState(old, state -> state == AgentLink.State.STOPPED);
        String code =
                bridge.json(createCode("{\"storeId\":\"tizi-09\"}")).get("code").asText();
        Path shop = Files.createDirectories(dir.resolve("tizi"));
        Path config = virtualPrinterConfig(shop);

        assertThat(enroll(code, "--config", config.toString()).exit()).isZero();

        AgentConfig loaded = new AgentConfigLoader(warning -> {}).load(config, Map.of());
        Agent agent = Bridge.connected(bridge.startAgent(loaded.tls(), new VirtualPrinter(), bridge.grpcPort()));
        JsonNode job = bridge.json(bridge.post("/api/v1/stores/tizi-09/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(job.get("state").asText()).isEqualTo("DONE");
        agent.close();
    }

    @Test
    void theAdminApiNeedsTheAdminScopeAndStrictBodies() throws Exception {
        HttpResponse<String> createWithoutAdmin = bridge.post("/api/v1/admin/enrolment-codes", "{\"storeId\":\"x-1\"}");
        HttpResponse<String> listWithoutAdmin = bridge.get("/api/v1/admin/enrolment-codes");
        HttpResponse<String> unknownField = createCode("{\"storeId\":\"x-1\",\"validfor\":\"1h\"}");
        HttpResponse<String> badValidity = createCode("{\"storeId\":\"x-1\",\"validFor\":\"90d\"}");
        HttpResponse<String> badStore = createCode("{\"storeId\":\"X_1\"}");
        HttpResponse<String> unknownId =
                admin(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/enrolment-codes/0123456789abcdef/revoke"))
                        .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(createWithoutAdmin.statusCode()).isEqualTo(403);
        assertThat(listWithoutAdmin.statusCode()).isEqualTo(403);
        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(bridge.json(unknownField).at("/error/message").asText()).contains("unknown field \"validfor\"");
        assertThat(badValidity.statusCode()).isEqualTo(400);
        assertThat(bridge.json(badValidity).at("/error/message").asText()).contains("from 1 minute to 30 days");
        assertThat(badStore.statusCode()).isEqualTo(400);
        assertThat(unknownId.statusCode()).isEqualTo(404);
        assertThat(codes("?storeId=x-1").get("codes")).isEmpty();
    }

    // ------------------------------------------------------------------ helpers

    record Result(int exit, String out, String err) {}

    static Result enroll(String code, String... more) {
        List<String> args = new java.util.ArrayList<>(
                List.of("enroll", "--server", "localhost:" + bridge.grpcPort(), "--code", code));
        args.addAll(List.of(more));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = AgentMain.execute(
                args.toArray(String[]::new), Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** A configuration with one virtual printer, as a technician would have prepared it. */
    static Path virtualPrinterConfig(Path shop) throws Exception {
        Path config = shop.resolve("agent.properties");
        Files.writeString(config, "# the shop's printers\nprinters=receipt\nprinter.receipt.transport=virtual\n");
        return config;
    }

    static HttpResponse<String> createCode(String body) throws Exception {
        return admin(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/enrolment-codes"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static JsonNode codes(String query) throws Exception {
        HttpResponse<String> response =
                admin(HttpRequest.newBuilder(bridge.uri("/api/v1/admin/enrolment-codes" + query))
                        .GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return bridge.json(response);
    }

    static HttpResponse<String> admin(HttpRequest.Builder request) throws Exception {
        return bridge.send(request.header("Authorization", "Bearer " + ADMIN));
    }

    static long certificates(String store) {
        return bridge.server()
                .getBean(StoreCertificateRepository.class)
                .findByStore(store)
                .size();
    }

    /** What a day's wait does to a code. */
    @SuppressWarnings("unchecked")
    static void expire(String id) {
        TransactionOperations<Connection> transactions = bridge.server().getBean(TransactionOperations.class);
        int updated = transactions.executeWrite(status -> {
            try (PreparedStatement update = status.getConnection()
                    .prepareStatement("UPDATE enrolment_codes SET expires_at = ? WHERE code_sha256 LIKE ?")) {
                update.setObject(1, java.time.OffsetDateTime.now().minusMinutes(1));
                update.setString(2, id + "%");
                return update.executeUpdate();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(updated).isEqualTo(1);
    }
}
