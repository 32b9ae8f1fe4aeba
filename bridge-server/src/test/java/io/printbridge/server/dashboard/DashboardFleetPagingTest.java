package io.printbridge.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.SimulatedStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fleet page a hundred stores at a time, over 150 simulated stores (every tenth out of paper). */
class DashboardFleetPagingTest {

    static final String PASSWORD = "correct horse battery";
    static final Pattern ROW = Pattern.compile("<tr data-store=\"([^\"]+)\"");
    static final Pattern NEXT = Pattern.compile("<a id=\"page-next\" rel=\"next\" href=\"([^\"]+)\"");

    @TempDir
    static Path dir;

    static Bridge bridge;
    static DashboardClient client;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir, List.of("alger-01"));
        StoreDirectory directory = bridge.server().getBean(StoreDirectory.class);
        for (int i = 0; i < 150; i++) {
            SimulatedStores.connect(
                    directory,
                    "mag-%03d".formatted(i),
                    "caisse-" + i,
                    i % 10 == 0 ? SimulatedStores.PAPER_OUT : SimulatedStores.READY,
                    null,
                    true);
        }
        bridge.server().getBean(DashboardUsers.class).create("test", "victor", PASSWORD, Role.VIEWER, "en", "UTC");
        client = new DashboardClient(bridge.httpPort());
        client.login("victor", PASSWORD);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void theFirstPageShowsAHundredStoresAndLinksToTheNext() throws Exception {
        String page = client.get("/dashboard").body();

        assertThat(rows(page)).hasSize(100).startsWith("mag-000").endsWith("mag-099");
        assertThat(next(page)).isEqualTo("/dashboard?after=mag-099");
        assertThat(page).contains("150 of 150 store(s)").doesNotContain("id=\"page-first\"");
    }

    @Test
    void theNextPageShowsTheRestAndLinksBackToTheFirst() throws Exception {
        String page = client.get("/dashboard?after=mag-099").body();

        assertThat(rows(page)).hasSize(50).startsWith("mag-100").endsWith("mag-149");
        assertThat(page).doesNotContain("id=\"page-next\"").contains("<a id=\"page-first\" href=\"/dashboard\"");
    }

    @Test
    void theAlertsAreTheWholeFleetsOnEveryPage() throws Exception {
        String page = client.get("/dashboard?after=mag-099").body();

        // 15 stores out of paper, 10 of them on the first page.
        assertThat(page).contains("<section id=\"alerts\" data-count=\"15\"");
    }

    @Test
    void theNextPageLinkKeepsTheFilters() throws Exception {
        String page = client.get("/dashboard?q=caisse").body();

        assertThat(next(page)).isEqualTo("/dashboard?q=caisse&after=mag-099");
    }

    @Test
    void filtersAreAppliedBeforePaging() throws Exception {
        String page = client.get("/dashboard?q=caisse-1&problems=1").body();

        // caisse-1, caisse-10…19, caisse-100…149 whose printer is out of paper: 10, 100, 110, 120, 130, 140.
        assertThat(rows(page)).containsExactly("mag-010", "mag-100", "mag-110", "mag-120", "mag-130", "mag-140");
        assertThat(page).contains("6 of 150 store(s)");
    }

    static List<String> rows(String page) {
        List<String> ids = new ArrayList<>();
        Matcher m = ROW.matcher(page);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    static String next(String page) {
        Matcher m = NEXT.matcher(page);
        assertThat(m.find()).as("a next-page link").isTrue();
        return m.group(1).replace("&amp;", "&");
    }
}
