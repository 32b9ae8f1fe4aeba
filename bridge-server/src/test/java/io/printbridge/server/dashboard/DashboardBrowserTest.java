package io.printbridge.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.RawAgent;
import io.printbridge.server.testing.TcpProxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Chromium against the real server, real agents and virtual printers. "Without
 * a reload" is checked with a marker set on the page's window: a reload would lose it.
 */
class DashboardBrowserTest {

    static final String PASSWORD = "correct horse battery";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static Bridge bridge;
    static ChromeDriver browser;
    static VirtualPrinter tlemcenPrinter = new VirtualPrinter();
    static VirtualPrinter blidaPrinter = new VirtualPrinter();

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.start();
        bridge = new Bridge(dir, List.of("tlemcen-01", "blida-01", "evil-01"));
        DashboardUsers users = bridge.server().getBean(DashboardUsers.class);
        users.create("test", "olga", PASSWORD, Role.OPERATOR, "fr", "Africa/Algiers");
        users.create("test", "victor", PASSWORD, Role.VIEWER, "fr", "Africa/Algiers");
        startAgent("tlemcen-01", tlemcenPrinter);
        startAgent("blida-01", blidaPrinter);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.manage().deleteAllCookies();
    }

    @AfterEach
    void noDialogLeft() {
        assertNoAlert();
    }

    @Test
    void aShopGoingOfflineAndBackShowsWithoutReload() throws Exception {
        logIn("victor");
        markPage();
        assertThat(row("tlemcen-01").getAttribute("data-online")).isEqualTo("true");

        Agent agent = agentOf("tlemcen-01");
        agent.close();
        await(d -> "false".equals(row("tlemcen-01").getAttribute("data-online")));
        assertThat(pageMarked()).isTrue();

        startAgent("tlemcen-01", tlemcenPrinter);
        await(d -> "true".equals(row("tlemcen-01").getAttribute("data-online")));
        assertThat(pageMarked()).isTrue();
        Browser.screenshot(browser, "fleet");
    }

    @Test
    void paperOutShowsWithinAStatusPollAndCountsInTheTitle() throws Exception {
        logIn("victor");
        markPage();

        blidaPrinter.paperOut(true);
        try {
            await(d -> "true"
                    .equals(row("blida-01")
                            .findElement(By.cssSelector("[data-paper-out]"))
                            .getAttribute("data-paper-out")));
            assertThat(browser.findElement(By.cssSelector("[data-alert=PAPER_OUT]"))
                            .getText())
                    .contains("blida-01")
                    .contains("plus de papier");
            await(d -> browser.getTitle().startsWith("("));
            assertThat(pageMarked()).isTrue();
        } finally {
            blidaPrinter.paperOut(false);
        }
        await(d -> "false"
                .equals(row("blida-01")
                        .findElement(By.cssSelector("[data-paper-out]"))
                        .getAttribute("data-paper-out")));
    }

    @Test
    void aTestPrintShowsItsJobWithThePreview() throws Exception {
        logIn("olga");
        browser.get(bridge.uri("/dashboard/stores/blida-01").toString());
        Browser.screenshot(browser, "store");
        int printedBefore = blidaPrinter.printedLength();

        browser.findElement(By.cssSelector("[data-printer=receipt] button.test-print"))
                .click();

        await(d -> browser.getCurrentUrl().contains("/dashboard/jobs/"));
        await(d -> "DONE".equals(browser.findElement(By.id("job-state")).getText()));
        WebElement preview = browser.findElement(By.id("preview"));
        await(d -> ((Number) browser.executeScript(
                                "return arguments[0].complete ? arguments[0].naturalWidth : 0", preview))
                        .intValue()
                > 0);
        assertThat(blidaPrinter.printedLength()).isGreaterThan(printedBefore);
        Browser.screenshot(browser, "job");

        browser.get(bridge.uri("/dashboard/stores/blida-01").toString());
        assertThat(browser.findElements(By.cssSelector("tr[data-job]"))).isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("tr[data-job]")).getText())
                .contains("dashboard:olga");
    }

    @Test
    void openingTheDrawerAsksForConfirmationNamingStoreAndPrinter() throws Exception {
        logIn("olga");
        browser.get(bridge.uri("/dashboard/stores/tlemcen-01").toString());
        int kicks = tlemcenPrinter.drawerKicks().size();

        browser.findElement(By.cssSelector("[data-printer=receipt] a.open-drawer"))
                .click();

        await(d -> !browser.findElements(By.id("confirm-question")).isEmpty());
        assertThat(browser.findElement(By.id("confirm-question")).getText())
                .contains("receipt")
                .contains("tlemcen-01");
        assertThat(tlemcenPrinter.drawerKicks()).hasSize(kicks); // nothing until confirmed
        browser.findElement(By.id("confirm-drawer")).click();
        await(d -> browser.getCurrentUrl().contains("/dashboard/jobs/"));
        await(d -> tlemcenPrinter.drawerKicks().size() == kicks + 1);
    }

    @Test
    void anEnrolmentCodeIsShownInPlaceOfTheStorePageAndStaysThroughLiveEvents() throws Exception {
        logIn("olga");
        browser.get(bridge.uri("/dashboard/stores/blida-01").toString());

        browser.findElement(By.id("enrolment-code")).click();

        await(d -> !browser.findElements(By.id("enrolment-code-value")).isEmpty());
        String code = browser.findElement(By.id("enrolment-code-value")).getText();
        assertThat(code).matches("[0-9A-Z]{4}(-[0-9A-Z]{4}){5}");
        assertThat(browser.findElement(By.id("enrolment-command")).getText()).contains("--code " + code);
        // Events of that store (a status poll, a job) do not redraw the page over the code.
        JsonNode status = bridge.json(bridge.post("/api/v1/stores/blida-01/jobs?wait=10", "{\"type\":\"status\"}"));
        assertThat(status.get("state").asText()).isEqualTo("DONE");
        Thread.sleep(1000); // a redraw, if one were wrongly made, comes 300 ms after the event
        assertThat(browser.findElement(By.id("enrolment-code-value")).getText()).isEqualTo(code);
    }

    @Test
    void aViewerHasNoDrawerButtonAndIsRefusedTheConfirmation() throws Exception {
        logIn("victor");
        browser.get(bridge.uri("/dashboard/stores/tlemcen-01").toString());
        assertThat(browser.findElements(By.cssSelector("a.open-drawer"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.test-print"))).isEmpty();

        browser.get(bridge.uri("/dashboard/stores/tlemcen-01/drawer?printer=receipt")
                .toString());

        assertThat(browser.findElement(By.id("refusal")).getText()).contains("victor");
        assertThat(browser.findElements(By.id("confirm-drawer"))).isEmpty();
    }

    @Test
    void aHostileHostnameIsShownAsText() throws Exception {
        String hostile = "<img src=x onerror=alert(1)>";
        try (RawAgent agent = new RawAgent(
                bridge.grpcPort(),
                bridge.certs().agentCertificate("evil-01"),
                bridge.certs().agentKey("evil-01"),
                bridge.certs().caCertificate())) {
            agent.connect(AgentMessage.newBuilder()
                    .setHello(Hello.newBuilder()
                            .setAgentVersion("raw")
                            .setProtocolVersion(1)
                            .setHostname(hostile)
                            .addPrinters(Printer.newBuilder().setName("receipt").setIsDefault(true)))
                    .build());
            logIn("victor");
            await(d -> !browser.findElements(By.cssSelector("tr[data-store=evil-01]"))
                    .isEmpty());

            assertThat(row("evil-01").findElement(By.cssSelector(".host")).getText())
                    .isEqualTo(hostile);
            assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
            assertNoAlert();
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedInTheBrowser() throws Exception {
        logIn("olga");

        Object status = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "fetch('/dashboard/stores/blida-01/test-print', {method: 'POST',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'printer=receipt'})"
                + ".then(r => done(r.status), e => done(String(e)));");

        assertThat(status).isEqualTo(403L);
    }

    @Test
    void filtersSurviveAReload() throws Exception {
        Agent agent = agentOf("tlemcen-01");
        agent.close();
        try {
            logIn("victor");
            await(d -> "false".equals(row("tlemcen-01").getAttribute("data-online")));
            browser.findElement(By.id("filter-offline")).click();
            browser.findElement(By.id("filter-apply")).click();
            await(d -> browser.getCurrentUrl().contains("offline=1"));

            browser.navigate().refresh();

            assertThat(browser.findElement(By.id("filter-offline")).isSelected())
                    .isTrue();
            assertThat(browser.findElements(By.cssSelector("tr[data-store=tlemcen-01]")))
                    .hasSize(1);
            assertThat(browser.findElements(By.cssSelector("tr[data-store=blida-01]")))
                    .isEmpty();
        } finally {
            startAgent("tlemcen-01", tlemcenPrinter);
        }
    }

    @Test
    void aLostConnectionIsSaidAndTheLivePageResumesWhenItComesBack() throws Exception {
        try (TcpProxy proxy = new TcpProxy(bridge.httpPort())) {
            logIn("victor", "http://127.0.0.1:" + proxy.port());
            markPage();

            proxy.refuseNew(true);
            proxy.cutAll();
            await(d -> "lost".equals(browser.findElement(By.tagName("body")).getAttribute("data-live")));
            WebElement banner = browser.findElement(By.id("connection"));
            assertThat(banner.isDisplayed()).isTrue();
            assertThat(banner.getText()).contains("Connexion au serveur perdue");

            proxy.refuseNew(false);
            await(d ->
                    "connected".equals(browser.findElement(By.tagName("body")).getAttribute("data-live")));
            assertThat(browser.findElement(By.id("connection")).getText()).contains("Connexion rétablie");
            agentOf("blida-01").close();
            try {
                await(d -> "false".equals(row("blida-01").getAttribute("data-online")));
                assertThat(pageMarked()).isTrue();
            } finally {
                startAgent("blida-01", blidaPrinter);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private void logIn(String user) {
        logIn(user, "http://127.0.0.1:" + bridge.httpPort());
    }

    private void logIn(String user, String base) {
        browser.get(base + "/dashboard/login");
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(By.id("logout")));
        // The live pages follow the events once the script has opened its stream.
        await(d -> "connected".equals(browser.findElement(By.tagName("body")).getAttribute("data-live")));
    }

    private WebElement row(String storeId) {
        return browser.findElement(By.cssSelector("tr[data-store=" + storeId + "]"));
    }

    private void markPage() {
        browser.executeScript("window.__noReload = true;");
    }

    private boolean pageMarked() {
        return Boolean.TRUE.equals(browser.executeScript("return window.__noReload === true;"));
    }

    private void await(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.NoSuchElementException.class)
                .until(condition::apply);
    }

    private static void assertNoAlert() {
        try {
            browser.switchTo().alert();
            throw new AssertionError("a JavaScript dialog opened: script from the page ran");
        } catch (NoAlertPresentException expected) {
            // none: nothing ran
        }
    }

    private static final java.util.Map<String, Agent> agents = new java.util.concurrent.ConcurrentHashMap<>();

    private static void startAgent(String storeId, VirtualPrinter printer) throws Exception {
        agents.put(storeId, Bridge.connected(bridge.startAgent(storeId, printer)));
    }

    private static Agent agentOf(String storeId) {
        Agent agent = agents.get(storeId);
        if (agent == null) {
            throw new IllegalStateException("no agent for " + storeId);
        }
        return agent;
    }
}
