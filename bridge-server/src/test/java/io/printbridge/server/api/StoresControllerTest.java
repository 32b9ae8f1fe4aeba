package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.SimulatedStores;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code GET /api/v1/stores} paged and filtered, over a fleet of 250 simulated stores ({@code shop-NNNN})
 * told to the real server's directory: every third offline, every fifth with its printer out of paper,
 * every seventh with a certificate expiring in 5 days, and the rest valid for a year or unknown.
 */
class StoresControllerTest {

    static final int SHOPS = 250;
    static final String LIMITED_TOKEN = "limited-token";

    @TempDir
    static Path dir;

    static Bridge bridge;
    static StoreDirectory directory;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(
                dir,
                List.of("alger-01"),
                Map.of(
                        "bridge.api.tokens.limited.sha256",
                        ApiTokens.sha256(LIMITED_TOKEN),
                        // ghost-01 never connected: named in the token, listed nowhere.
                        "bridge.api.tokens.limited.stores",
                        "shop-0003,shop-0010,shop-0200,shop-0201,ghost-01"));
        directory = bridge.server().getBean(StoreDirectory.class);
        Instant now = Instant.now();
        for (int i = 0; i < SHOPS; i++) {
            SimulatedStores.connect(
                    directory,
                    shop(i),
                    "PC-Caisse-" + i,
                    paperOut(i) ? SimulatedStores.PAPER_OUT : SimulatedStores.READY,
                    expiring(i) ? now.plus(Duration.ofDays(5)) : i % 2 == 0 ? now.plus(Duration.ofDays(365)) : null,
                    !offline(i));
        }
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    static String shop(int i) {
        return "shop-%04d".formatted(i);
    }

    static boolean offline(int i) {
        return i % 3 == 0;
    }

    static boolean paperOut(int i) {
        return i % 5 == 0;
    }

    static boolean expiring(int i) {
        return i % 7 == 0;
    }

    static List<String> shops(IntPredicate which) {
        return IntStream.range(0, SHOPS)
                .filter(which)
                .mapToObj(StoresControllerTest::shop)
                .toList();
    }

    @Test
    void theFirstPageHasAHundredStoresInIdOrderAndTheCursorOfTheNext() throws Exception {
        JsonNode page = ok("/api/v1/stores?q=shop-");

        assertThat(ids(page)).hasSize(100).isSorted().isEqualTo(shops(i -> i < 100));
        assertThat(page.get("next").asText()).isEqualTo(shop(99));
        assertThat(page.get("total").asInt()).isEqualTo(SHOPS);
    }

    @Test
    void theNextPageStartsAfterTheCursorAndTheLastPageHasNoNext() throws Exception {
        JsonNode second = ok("/api/v1/stores?q=shop-&limit=100&after=" + shop(99));
        JsonNode last = ok("/api/v1/stores?q=shop-&limit=100&after=" + shop(199));

        assertThat(ids(second)).isEqualTo(shops(i -> i >= 100 && i < 200));
        assertThat(ids(last)).isEqualTo(shops(i -> i >= 200));
        assertThat(last.has("next")).isFalse();
    }

    @Test
    void aCursorWalkReturnsEveryStoreExactlyOnceWhileStoresConnectInBetween() throws Exception {
        // Stores walk-0000, walk-0002… exist from the start; between pages, new stores connect on both
        // sides of the cursor (the odd numbers), and existing ones reconnect or go offline.
        Set<String> before = new TreeSet<>();
        for (int i = 0; i < 240; i += 2) {
            SimulatedStores.connect(directory, walk(i), "walk", SimulatedStores.READY, null, true);
            before.add(walk(i));
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        int joining = 1;
        do {
            JsonNode page = ok("/api/v1/stores?q=walk-&limit=25" + (after == null ? "" : "&after=" + after));
            seen.addAll(ids(page));
            after = page.has("next") ? page.get("next").asText() : null;
            pages++;
            for (int k = 0; k < 6 && joining < 240; k++, joining += 2) {
                SimulatedStores.connect(directory, walk(joining), "walk", SimulatedStores.READY, null, true);
            }
            SimulatedStores.connect(
                    directory, walk(pages * 2), "walk", SimulatedStores.PAPER_OUT, null, pages % 2 == 0);
        } while (after != null && pages < 100);

        assertThat(seen).doesNotHaveDuplicates().isSorted();
        assertThat(seen).containsAll(before);
        assertThat(new HashSet<>(seen)).allMatch(id -> id.startsWith("walk-"));
    }

    static String walk(int i) {
        return "walk-%04d".formatted(i);
    }

    @Test
    void onlineFalseListsTheOfflineStoresOnly() throws Exception {
        JsonNode page = ok("/api/v1/stores?q=shop-&online=false&limit=1000");

        assertThat(ids(page)).isEqualTo(shops(StoresControllerTest::offline));
        assertThat(page.get("total").asInt())
                .isEqualTo(shops(StoresControllerTest::offline).size());
        assertThat(page.get("stores")).allMatch(store -> !store.get("online").asBoolean());
    }

    @Test
    void onlineTrueListsTheConnectedStoresOnly() throws Exception {
        assertThat(ids(ok("/api/v1/stores?q=shop-&online=true&limit=1000"))).isEqualTo(shops(i -> !offline(i)));
    }

    @Test
    void problemPrinterListsTheStoresWithAPrinterNotReady() throws Exception {
        JsonNode page = ok("/api/v1/stores?q=shop-&problem=printer&limit=1000");

        assertThat(ids(page)).isEqualTo(shops(StoresControllerTest::paperOut));
        assertThat(page.get("stores"))
                .allMatch(store -> store.at("/printers/0/status/paperEnd").asBoolean());
    }

    @Test
    void certificateExpiresWithinDaysListsTheStoresWhoseCertificateEndsSooner() throws Exception {
        assertThat(ids(ok("/api/v1/stores?q=shop-&certificateExpiresWithinDays=14&limit=1000")))
                .isEqualTo(shops(StoresControllerTest::expiring));
        assertThat(ids(ok("/api/v1/stores?q=shop-&certificateExpiresWithinDays=4&limit=1000")))
                .isEmpty();
        // A year's certificates too, but never a store whose certificate is not known.
        assertThat(ids(ok("/api/v1/stores?q=shop-&certificateExpiresWithinDays=400&limit=1000")))
                .isEqualTo(shops(i -> expiring(i) || i % 2 == 0));
    }

    @Test
    void theSearchMatchesPartOfTheHostnameInAnyCase() throws Exception {
        assertThat(ids(ok("/api/v1/stores?q=pc-caisse-24")))
                .containsExactly(
                        shop(24), shop(240), shop(241), shop(242), shop(243), shop(244), shop(245), shop(246),
                        shop(247), shop(248), shop(249));
        assertThat(ids(ok("/api/v1/stores?q=SHOP-0007"))).containsExactly(shop(7));
    }

    @Test
    void filtersCombineAndPageTogether() throws Exception {
        List<String> expected = shops(i -> offline(i) && paperOut(i));
        JsonNode first = ok("/api/v1/stores?q=shop-&online=false&problem=printer&limit=5");
        JsonNode second = ok("/api/v1/stores?q=shop-&online=false&problem=printer&limit=5&after="
                + first.get("next").asText());

        assertThat(first.get("total").asInt()).isEqualTo(expected.size());
        assertThat(ids(first)).isEqualTo(expected.subList(0, 5));
        assertThat(ids(second)).isEqualTo(expected.subList(5, 10));
    }

    @Test
    void aTokenLimitedToSomeStoresListsOnlyThoseThatExist() throws Exception {
        JsonNode first = ok("/api/v1/stores?limit=2", LIMITED_TOKEN);
        JsonNode second = ok("/api/v1/stores?limit=2&after=" + first.get("next").asText(), LIMITED_TOKEN);

        assertThat(ids(first)).containsExactly(shop(3), shop(10));
        assertThat(ids(second)).containsExactly(shop(200), shop(201));
        assertThat(second.has("next")).isFalse();
        assertThat(first.get("total").asInt()).isEqualTo(4);
    }

    @Test
    void aLimitedTokensFiltersApplyToItsStoresOnly() throws Exception {
        JsonNode page = ok("/api/v1/stores?online=false", LIMITED_TOKEN);

        assertThat(ids(page)).containsExactly(shop(3), shop(201));
        assertThat(page.get("total").asInt()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "limit=0                          | limit: \"0\" (expected: a whole number from 1 to 1000)",
                "limit=1001                       | limit: \"1001\" (expected: a whole number from 1 to 1000)",
                "limit=ten                        | limit: \"ten\"",
                "online=yes                       | online: \"yes\" (expected: true or false)",
                "problem=paper                    | problem: \"paper\" (expected: printer)",
                "certificateExpiresWithinDays=P14D | certificateExpiresWithinDays: \"P14D\" (expected: a whole number of days from 0 to 3650)",
                "certificateExpiresWithinDays=-1  | certificateExpiresWithinDays: \"-1\"",
                "after=Shop_01                    | after: \"Shop_01\" (expected: a store id",
                "onlne=false                      | unknown query parameter \"onlne\" (expected: one of after, limit",
                "limit=1&limit=2                  | limit: given 2 times (expected: at most once)",
            })
    void aBadParameterIs400NamingItAndWhatWasExpected(String query, String message) throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/stores?" + query);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = bridge.json(response).get("error");
        assertThat(error.get("code").asText()).isEqualTo("INVALID_REQUEST");
        assertThat(error.get("message").asText()).contains(message);
    }

    @Test
    void aSearchLongerThan64CharactersIs400() throws Exception {
        HttpResponse<String> response = bridge.get("/api/v1/stores?q=" + "a".repeat(65));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(bridge.json(response).at("/error/message").asText()).startsWith("q: 65 characters");
    }

    static JsonNode ok(String path) throws Exception {
        return ok(path, Bridge.TOKEN);
    }

    static JsonNode ok(String path, String token) throws Exception {
        HttpResponse<String> response = bridge.send(HttpRequest.newBuilder(bridge.uri(path))
                .header("Authorization", "Bearer " + token)
                .GET());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
        return bridge.json(response);
    }

    static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("stores").forEach(store -> ids.add(store.get("storeId").asText()));
        return ids;
    }
}
