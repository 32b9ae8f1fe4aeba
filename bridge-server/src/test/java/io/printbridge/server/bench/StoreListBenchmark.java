package io.printbridge.server.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.StoreView;
import io.printbridge.server.dashboard.DashboardClient;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.stores.StoreDirectory;
import io.printbridge.server.stores.StoreFilter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.SimulatedStores;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code GET /api/v1/stores} and the dashboard's fleet page at 20,000 stores (issue 15): the real
 * server (H2 file database) with its directory filled by {@link SimulatedStores}, one request after
 * the other from one client on loopback, after a warm-up. Each line gives the latency percentiles
 * and the answer's size. It also times the directory's page query alone, in process, to separate
 * the query from HTTP and JSON.
 *
 * <pre>mvn -B -ntp -Pstorelist -DskipTests verify -pl bridge-server -am   # -Dbench.stores=20000 -Dbench.requests=300</pre>
 *
 * The fleet: every third store offline, every twentieth with its printer out of paper, every
 * fiftieth with a certificate expiring in 5 days, the others valid for a year; hostnames
 * {@code PC-CAISSE-<n>}. No jobs (the fleet page's two job counts run on an empty table).
 */
public final class StoreListBenchmark {

    private static final String LIMITED_TOKEN = "bench-limited-token";
    private static final String PASSWORD = "bench password 2026";

    private StoreListBenchmark() {}

    public static void main(String[] args) throws Exception {
        int storeCount = Integer.getInteger("bench.stores", 20_000);
        int requests = Integer.getInteger("bench.requests", 300);
        Path dir = Files.createTempDirectory("store-list-bench");
        List<String> limited = new ArrayList<>();
        for (int i = 0; i < storeCount; i += storeCount / 50) {
            limited.add(store(i));
        }
        try (Bridge bridge = new Bridge(
                dir,
                List.of("alger-01"),
                Map.of(
                        "bridge.api.tokens.limited.sha256",
                        ApiTokens.sha256(LIMITED_TOKEN),
                        "bridge.api.tokens.limited.stores",
                        String.join(",", limited)))) {
            StoreDirectory directory = bridge.server().getBean(StoreDirectory.class);
            long filling = System.nanoTime();
            Instant now = Instant.now();
            for (int i = 0; i < storeCount; i++) {
                SimulatedStores.connect(
                        directory,
                        store(i),
                        "PC-CAISSE-" + i,
                        i % 20 == 0 ? SimulatedStores.PAPER_OUT : SimulatedStores.READY,
                        now.plus(Duration.ofDays(i % 50 == 0 ? 5 : 365)),
                        i % 3 != 0);
            }
            System.out.printf(
                    "%d stores told to the directory in %d ms (%s cores, JDK %s, load average %s)%n",
                    storeCount,
                    (System.nanoTime() - filling) / 1_000_000,
                    Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"),
                    loadAverage());

            inProcess(directory, storeCount, requests * 10);
            unpagedBefore(directory, bridge.server().getBean(ObjectMapper.class), 10);

            HttpClient http =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String middle = store(storeCount / 2);
            api(http, bridge, "first page (limit 100)", "/api/v1/stores", Bridge.TOKEN, requests);
            api(
                    http,
                    bridge,
                    "page in the middle (after=" + middle + ")",
                    "/api/v1/stores?after=" + middle,
                    Bridge.TOKEN,
                    requests);
            api(http, bridge, "limit 1000", "/api/v1/stores?limit=1000", Bridge.TOKEN, requests / 5);
            api(http, bridge, "problem=printer", "/api/v1/stores?problem=printer", Bridge.TOKEN, requests);
            api(
                    http,
                    bridge,
                    "online=false&certificateExpiresWithinDays=14",
                    "/api/v1/stores?online=false&certificateExpiresWithinDays=14",
                    Bridge.TOKEN,
                    requests);
            api(http, bridge, "q=caisse-1234", "/api/v1/stores?q=caisse-1234", Bridge.TOKEN, requests);
            api(http, bridge, "token of 50 stores", "/api/v1/stores", LIMITED_TOKEN, requests);
            walk(http, bridge, storeCount, 5);

            bridge.server().getBean(DashboardUsers.class).create("bench", "bench", PASSWORD, Role.VIEWER, "fr", "UTC");
            DashboardClient dashboard = new DashboardClient(bridge.httpPort());
            dashboard.login("bench", PASSWORD);
            timed(
                    "dashboard fleet page",
                    requests,
                    () -> dashboard.get("/dashboard").body().length());
            timed(
                    "dashboard fleet page, offline + printer problem",
                    requests,
                    () -> dashboard
                            .get("/dashboard?offline=1&problems=1")
                            .body()
                            .length());
            timed(
                    "dashboard fleet page, after=" + middle,
                    requests,
                    () -> dashboard.get("/dashboard?after=" + middle).body().length());
            System.out.println("load average at the end: " + loadAverage());
        }
    }

    /** The machine's load average (1, 5, 15 min): the machine is shared, so the figures say how busy it was. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /**
     * What the unpaged list did for each call before issue 15, without the HTTP: sort the whole
     * directory, build every store's view, write them all as JSON with the server's ObjectMapper.
     */
    private static void unpagedBefore(StoreDirectory directory, ObjectMapper json, int rounds) throws Exception {
        Instant now = Instant.now();
        timed(
                "in process: the former unpaged answer (sort, views, JSON)",
                rounds,
                () -> json.writeValueAsBytes(Map.of(
                                "stores",
                                directory.all().stream()
                                        .sorted(java.util.Comparator.comparing(StoreDirectory.StoreInfo::storeId))
                                        .map(store -> StoreView.of(store, null, null, now))
                                        .toList()))
                        .length);
    }

    static String store(int i) {
        return "store-%05d".formatted(i);
    }

    /** The directory's page query alone: no views, no JSON, no HTTP. */
    private static void inProcess(StoreDirectory directory, int storeCount, int rounds) throws Exception {
        TreeSet<String> fifty = new TreeSet<>();
        for (int i = 0; i < storeCount; i += storeCount / 50) {
            fifty.add(store(i));
        }
        StoreFilter problems = new StoreFilter(null, true, null, "", "");
        StoreFilter search = new StoreFilter(null, false, null, "caisse-1234", "");
        timed(
                "in process: page of 100, no filter",
                rounds,
                () -> directory.page(StoreFilter.ANY, null, null, 100).total());
        timed(
                "in process: page of 100, problem=printer",
                rounds,
                () -> directory.page(problems, null, null, 100).total());
        timed(
                "in process: page of 100, q=caisse-1234",
                rounds,
                () -> directory.page(search, null, null, 100).total());
        timed(
                "in process: page of 100, token of 50 stores",
                rounds,
                () -> directory.page(StoreFilter.ANY, fifty, null, 100).total());
    }

    private static void api(HttpClient http, Bridge bridge, String name, String path, String token, int requests)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.httpPort() + path))
                .header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        timed(name, requests, () -> {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        path + ": " + response.statusCode() + " " + new String(response.body()));
            }
            return response.body().length;
        });
    }

    /** Every store, following {@code next} with limit=1000: what an ERP's nightly sync does. */
    private static void walk(HttpClient http, Bridge bridge, int storeCount, int walks) throws Exception {
        ObjectMapper json = new ObjectMapper();
        timed("whole fleet, limit=1000 pages, following next", walks, () -> {
            int seen = 0;
            long bytes = 0;
            String after = null;
            do {
                HttpResponse<byte[]> response = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bridge.httpPort()
                                        + "/api/v1/stores?limit=1000" + (after == null ? "" : "&after=" + after)))
                                .header("Authorization", "Bearer " + Bridge.TOKEN)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                bytes += response.body().length;
                var page = json.readTree(response.body());
                seen += page.get("stores").size();
                after = page.has("next") ? page.get("next").asText() : null;
            } while (after != null);
            if (seen != storeCount) {
                throw new IllegalStateException("walk saw " + seen + " stores (expected: " + storeCount + ")");
            }
            return (int) Math.min(Integer.MAX_VALUE, bytes);
        });
    }

    /** Runs {@code call} {@code count} times to warm up, then {@code count} times timed. */
    private static void timed(String name, int count, Callable<Integer> call) throws Exception {
        for (int i = 0; i < count; i++) {
            call.call();
        }
        long[] micros = new long[count];
        long size = 0;
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            size = call.call();
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        System.out.printf(
                "%-60s n=%-5d p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms  size %,d%n",
                name,
                count,
                micros[count / 2] / 1000.0,
                micros[Math.min(count - 1, count * 99 / 100)] / 1000.0,
                micros[count - 1] / 1000.0,
                size);
    }
}
