package io.printbridge.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterCapabilities;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgent;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's doors, over HTTP against the real server and a real agent: who may log in, what
 * the session cookie is, CSRF and roles checked on the server, hostile agent text escaped, and
 * the ERP's API tokens unchanged beside it.
 */
class DashboardAccessTest {

    static final String PASSWORD = "correct horse battery";
    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;

    static Bridge bridge;
    static VirtualPrinter oranPrinter = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("oran-01", "hostile-01", "throttle-01"));
        DashboardUsers users = bridge.server().getBean(DashboardUsers.class);
        users.create("test", "ada", PASSWORD, Role.ADMIN, "fr", "Africa/Algiers");
        users.create("test", "olga", PASSWORD, Role.OPERATOR, "en", "Europe/Paris");
        users.create("test", "victor", PASSWORD, Role.VIEWER, "fr", "Africa/Algiers");
        users.create("test", "tom", PASSWORD, Role.VIEWER, "fr", "Africa/Algiers");
        Bridge.connected(bridge.startAgent("oran-01", oranPrinter));
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void aPageWithoutSessionRedirectsToTheLogin() throws Exception {
        HttpResponse<String> page = new DashboardClient(bridge.httpPort()).get("/dashboard");

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).contains("/dashboard/login");
    }

    @Test
    void aWrongPasswordIsRefusedAndOpensNoSession() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());

        HttpResponse<String> login = client.login("victor", "not the password");

        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(client.get("/dashboard").statusCode()).isEqualTo(303);
    }

    @Test
    void theSessionCookieIsHttpOnlySameSiteAndLimitedToTheDashboard() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());

        HttpResponse<String> login = client.login("victor", PASSWORD);

        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie)
                .containsIgnoringCase("HttpOnly")
                .contains("SameSite=Lax")
                .contains("Path=/dashboard");
        assertThat(cookie).doesNotContainIgnoringCase("Secure"); // plain HTTP here
    }

    @Test
    void theCookieIsSecureBehindAnHttpsProxy() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(
                java.net.http.HttpRequest.newBuilder(bridge.uri("/dashboard/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-Proto", "https")
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                "user=victor&password=" + PASSWORD.replace(' ', '+')))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow()).containsIgnoringCase("Secure");
    }

    @Test
    void pagesForbidInlineScriptAndFraming() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("victor", PASSWORD);

        HttpResponse<String> page = client.get("/dashboard");

        assertThat(page.statusCode()).isEqualTo(200);
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.body()).contains("oran-01").doesNotContain("<script>");
    }

    @Test
    void aStateChangingRequestWithoutTheCsrfTokenIsRefused() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("olga", PASSWORD);

        HttpResponse<String> without =
                client.postWith("/dashboard/stores/oran-01/test-print", Map.of("printer", "receipt"), "");
        HttpResponse<String> wrong =
                client.postWith("/dashboard/stores/oran-01/test-print", Map.of("printer", "receipt"), "forged");

        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("CSRF");
        assertThat(wrong.statusCode()).isEqualTo(403);
    }

    @Test
    void anOperatorPrintsATestPageUnderTheirNameInTheAuditLog() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("olga", PASSWORD);

        HttpResponse<String> print = client.post("/dashboard/stores/oran-01/test-print", Map.of("printer", "receipt"));

        assertThat(print.statusCode()).isEqualTo(303);
        String jobId = print.headers().firstValue("Location").orElseThrow().replace("/dashboard/jobs/", "");
        Job job = bridge.server().getBean(JobStore.class).find(jobId).orElseThrow();
        assertThat(job.requestedBy()).isEqualTo("dashboard:olga");
        assertThat(bridge.server()
                        .getBean(AuditLogRepository.class)
                        .count("dashboard:olga", "dashboard.test-print", jobId))
                .isEqualTo(1);
        HttpResponse<String> page = client.get("/dashboard/jobs/" + jobId);
        assertThat(page.body()).contains("/dashboard/jobs/" + jobId + "/preview.png");
        assertThat(client.get("/dashboard/jobs/" + jobId + "/preview.png").statusCode())
                .isEqualTo(200);
    }

    @Test
    void aViewerCannotOpenTheDrawerNorSeeItsConfirmation() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("victor", PASSWORD);

        HttpResponse<String> confirm = client.get("/dashboard/stores/oran-01/drawer?printer=receipt");
        HttpResponse<String> open = client.post("/dashboard/stores/oran-01/drawer", Map.of("printer", "receipt"));
        HttpResponse<String> store = client.get("/dashboard/stores/oran-01");

        assertThat(confirm.statusCode()).isEqualTo(403);
        assertThat(open.statusCode()).isEqualTo(403);
        assertThat(open.body()).contains("victor is viewer");
        assertThat(store.body()).doesNotContain("/drawer?printer=").doesNotContain("test-print");
    }

    @Test
    void theDrawerConfirmationNamesTheStoreAndThePrinter() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("ada", PASSWORD);

        HttpResponse<String> confirm = client.get("/dashboard/stores/oran-01/drawer?printer=receipt");

        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("« receipt » du magasin « oran-01 »");
    }

    @Test
    void aHostileHostnameIsShownAsText() throws Exception {
        try (RawAgent agent = new RawAgent(
                bridge.grpcPort(),
                bridge.certs().agentCertificate("hostile-01"),
                bridge.certs().agentKey("hostile-01"),
                bridge.certs().caCertificate())) {
            agent.connect(AgentMessage.newBuilder()
                    .setHello(Hello.newBuilder()
                            .setAgentVersion("<b>9</b>")
                            .setProtocolVersion(1)
                            .setHostname(HOSTILE)
                            .addPrinters(Printer.newBuilder()
                                    .setName("receipt")
                                    .setIsDefault(true)
                                    .setCapabilities(PrinterCapabilities.newBuilder()
                                            .setPaperWidthMm(80)
                                            .setColumns(48)
                                            .setCodePageProfile("epson"))))
                    .build());
            bridge.await(
                    "/api/v1/stores",
                    stores -> stores.get("stores").findValuesAsText("hostname").contains(HOSTILE),
                    Duration.ofSeconds(10));
            DashboardClient client = new DashboardClient(bridge.httpPort());
            client.login("victor", PASSWORD);

            String fleet = client.get("/dashboard").body();
            String store = client.get("/dashboard/stores/hostile-01").body();

            assertThat(fleet).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);
            assertThat(store).contains("&lt;img src=x onerror=alert(1)&gt;").doesNotContain(HOSTILE);
            assertThat(fleet).doesNotContain("<b>9</b>");
        }
    }

    @Test
    void loginsAreThrottledPerUserEvenWithTheRightPassword() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        for (int i = 0; i < 5; i++) {
            assertThat(client.login("tom", "wrong password " + i).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> sixth = client.login("tom", PASSWORD);

        assertThat(sixth.statusCode()).isEqualTo(429);
        assertThat(sixth.body()).contains("Trop de tentatives");
    }

    @Test
    void theErpTokenStillWorksAndTheDashboardCookieOpensNoApi() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("ada", PASSWORD);

        assertThat(bridge.get("/api/v1/stores").statusCode()).isEqualTo(200);
        HttpResponse<String> withCookie = bridge.send(java.net.http.HttpRequest.newBuilder(bridge.uri("/api/v1/stores"))
                .header("Cookie", client.cookie())
                .GET());
        assertThat(withCookie.statusCode()).isEqualTo(401);
    }

    @Test
    void anOperatorRevokesAStoreUnderTheirNameAndAViewerCannot() throws Exception {
        DashboardClient viewer = new DashboardClient(bridge.httpPort());
        viewer.login("victor", PASSWORD);
        DashboardClient operator = new DashboardClient(bridge.httpPort());
        operator.login("olga", PASSWORD);

        HttpResponse<String> refused =
                viewer.post("/dashboard/stores/throttle-01/revoke", Map.of("reason", "PC stolen"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(bridge.server()
                        .getBean(io.printbridge.server.identity.CertificateStanding.class)
                        .revokedBefore("throttle-01"))
                .isEmpty();

        HttpResponse<String> revoked =
                operator.post("/dashboard/stores/throttle-01/revoke", Map.of("reason", "PC stolen"));

        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(bridge.server()
                        .getBean(io.printbridge.server.identity.CertificateStanding.class)
                        .revokedBefore("throttle-01"))
                .isPresent();
    }

    @Test
    void anOperatorMakesAnEnrolmentCodeShownOnceAndAViewerCannot() throws Exception {
        DashboardClient viewer = new DashboardClient(bridge.httpPort());
        viewer.login("victor", PASSWORD);
        DashboardClient operator = new DashboardClient(bridge.httpPort());
        operator.login("olga", PASSWORD);
        io.printbridge.server.identity.EnrolmentCodes codes =
                bridge.server().getBean(io.printbridge.server.identity.EnrolmentCodes.class);

        assertThat(viewer.post("/dashboard/enrolment-codes", Map.of("storeId", "tipasa-09"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(viewer.get("/dashboard/enrol").statusCode()).isEqualTo(403);
        assertThat(codes.list("tipasa-09")).isEmpty();

        HttpResponse<String> made = operator.post("/dashboard/enrolment-codes", Map.of("storeId", "tipasa-09"));

        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(made.headers().firstValue("X-Dashboard-Result")).contains("page");
        java.util.regex.Matcher code = java.util.regex.Pattern.compile(
                        "id=\"enrolment-code-value\">([0-9A-Z]{4}(-[0-9A-Z]{4}){5})<")
                .matcher(made.body());
        assertThat(code.find()).as(made.body()).isTrue();
        assertThat(made.body()).contains("bridge-agent enroll --server ").contains("--code " + code.group(1));
        assertThat(codes.list("tipasa-09"))
                .singleElement()
                .satisfies(row -> assertThat(row.createdBy()).isEqualTo("dashboard:olga"));
        // A store id the codes refuse is said, and nothing is made.
        HttpResponse<String> refused = operator.post("/dashboard/enrolment-codes", Map.of("storeId", "Not A Store"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Not A Store");
    }

    @Test
    void anAdminCreatesAnApiTokenShownOnceThatWorksUntilRevokedAndAnOperatorCannot() throws Exception {
        DashboardClient operator = new DashboardClient(bridge.httpPort());
        operator.login("olga", PASSWORD);
        DashboardClient admin = new DashboardClient(bridge.httpPort());
        admin.login("ada", PASSWORD);
        Map<String, String> form = Map.of("name", "erp-from-dashboard", "stores", "oran-01", "scope-print", "on");

        assertThat(operator.get("/dashboard/tokens").statusCode()).isEqualTo(403);
        assertThat(operator.post("/dashboard/tokens", form).statusCode()).isEqualTo(403);

        HttpResponse<String> made = admin.post("/dashboard/tokens", form);

        assertThat(made.statusCode()).as(made.body()).isEqualTo(200);
        assertThat(made.headers().firstValue("X-Dashboard-Result")).contains("page");
        java.util.regex.Matcher token =
                java.util.regex.Pattern.compile("id=\"issued-token\">([^<]+)<").matcher(made.body());
        assertThat(token.find()).as(made.body()).isTrue();
        assertThat(stores(token.group(1))).isEqualTo(200);
        assertThat(admin.get("/dashboard/tokens").body())
                .contains("erp-from-dashboard")
                .doesNotContain(token.group(1));
        assertThat(admin.post("/dashboard/tokens", form).statusCode()).isEqualTo(400); // the name is taken

        HttpResponse<String> revoked = admin.post("/dashboard/tokens/erp-from-dashboard/revoke", Map.of());

        assertThat(revoked.statusCode()).isEqualTo(303);
        assertThat(stores(token.group(1))).isEqualTo(401);
    }

    @Test
    void anAdminChangesAnotherUsersRoleWhichEndsTheirSessionsButNotTheirOwnRole() throws Exception {
        bridge.server()
                .getBean(DashboardUsers.class)
                .create("test", "uma", PASSWORD, Role.VIEWER, "fr", "Africa/Algiers");
        DashboardClient uma = new DashboardClient(bridge.httpPort());
        uma.login("uma", PASSWORD);
        DashboardClient admin = new DashboardClient(bridge.httpPort());
        admin.login("ada", PASSWORD);
        assertThat(uma.get("/dashboard/enrol").statusCode()).isEqualTo(403);

        assertThat(admin.post("/dashboard/users/uma/role", Map.of("role", "operator"))
                        .statusCode())
                .isEqualTo(303);

        assertThat(uma.get("/dashboard").statusCode()).isEqualTo(303); // to the login page: signed out
        uma.login("uma", PASSWORD);
        assertThat(uma.get("/dashboard/enrol").statusCode()).isEqualTo(200);
        assertThat(admin.post("/dashboard/users/ada/role", Map.of("role", "viewer"))
                        .statusCode())
                .isEqualTo(400);
        assertThat(uma.post("/dashboard/users/ada/role", Map.of("role", "viewer"))
                        .statusCode())
                .isEqualTo(403);
    }

    private static int stores(String token) throws Exception {
        return bridge.send(java.net.http.HttpRequest.newBuilder(bridge.uri("/api/v1/stores"))
                        .header("Authorization", "Bearer " + token)
                        .GET())
                .statusCode();
    }

    @Test
    void eachUserReadsTheDashboardInTheirLanguage() throws Exception {
        DashboardClient french = new DashboardClient(bridge.httpPort());
        french.login("victor", PASSWORD);
        DashboardClient english = new DashboardClient(bridge.httpPort());
        english.login("olga", PASSWORD);

        assertThat(french.get("/dashboard").body())
                .contains("<html lang=\"fr\"")
                .contains("Parc des magasins");
        assertThat(english.get("/dashboard").body())
                .contains("<html lang=\"en\"")
                .contains("Store fleet");
    }

    @Test
    void anOperatorRetriesAFailedJobAsANewJobAndAViewerCannot() throws Exception {
        oranPrinter.paperOut(true);
        String failedId;
        try {
            // The agent refuses to start a receipt on a printer without paper: FAILED, PAPER_OUT.
            failedId = bridge.json(bridge.post(
                            "/api/v1/stores/oran-01/jobs?wait=20", "{\"type\":\"raw\",\"data\":\"SGVsbG8K\"}"))
                    .get("id")
                    .asText();
            bridge.await(
                    "/api/v1/jobs/" + failedId,
                    job -> job.get("state").asText().equals("FAILED"),
                    Duration.ofSeconds(20));
        } finally {
            oranPrinter.paperOut(false);
        }
        DashboardClient viewer = new DashboardClient(bridge.httpPort());
        viewer.login("victor", PASSWORD);
        DashboardClient operator = new DashboardClient(bridge.httpPort());
        operator.login("olga", PASSWORD);

        assertThat(viewer.post("/dashboard/jobs/" + failedId + "/retry", Map.of())
                        .statusCode())
                .isEqualTo(403);
        HttpResponse<String> retry = operator.post("/dashboard/jobs/" + failedId + "/retry", Map.of());

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(303);
        String newId = retry.headers().firstValue("Location").orElseThrow().replace("/dashboard/jobs/", "");
        assertThat(newId).isNotEqualTo(failedId);
        bridge.await("/api/v1/jobs/" + newId, job -> job.get("state").asText().equals("DONE"), Duration.ofSeconds(20));
        assertThat(bridge.json(bridge.get("/api/v1/jobs/" + failedId))
                        .get("state")
                        .asText())
                .isEqualTo("FAILED");
        HttpResponse<String> again = operator.post("/dashboard/jobs/" + newId + "/retry", Map.of());
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("expected: FAILED or EXPIRED");
    }

    @Test
    void anAdminCreatesAUserWhoCanLogInAndAnOperatorCannotCreateOne() throws Exception {
        DashboardClient admin = new DashboardClient(bridge.httpPort());
        admin.login("ada", PASSWORD);
        DashboardClient operator = new DashboardClient(bridge.httpPort());
        operator.login("olga", PASSWORD);
        Map<String, String> newUser = Map.of(
                "name", "nadia", "password", "a fine password", "role", "operator", "locale", "en", "zone", "UTC");

        assertThat(operator.post("/dashboard/users", newUser).statusCode()).isEqualTo(403);
        assertThat(operator.get("/dashboard/users").statusCode()).isEqualTo(403);
        HttpResponse<String> created = admin.post("/dashboard/users", newUser);

        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        assertThat(new DashboardClient(bridge.httpPort())
                        .login("nadia", "a fine password")
                        .statusCode())
                .isEqualTo(303);
        assertThat(admin.get("/dashboard/users").body()).contains("data-user=\"nadia\"");
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        DashboardClient client = new DashboardClient(bridge.httpPort());
        client.login("victor", PASSWORD);

        assertThat(client.post("/dashboard/logout", Map.of()).statusCode()).isEqualTo(303);

        assertThat(client.get("/dashboard").statusCode()).isEqualTo(303);
    }
}
