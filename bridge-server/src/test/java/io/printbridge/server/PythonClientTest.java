package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.printbridge.agent.Agent;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.Python;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERP's Python client ({@code clients/python}) against a live bridge: its unittest suite,
 * run by {@code python3} with the server's URL, a token and stores in its environment, the way
 * the Flask ERP reaches the bridge. Every store is set up for one kind of answer, since the
 * Python side cannot reach into this JVM: a printer that prints, one out of paper, stores whose
 * agent went offline (jobs wait on the server, up to a small queue limit: the 429), a token
 * limited to one store (the 403), and a webhook pointed at a port the suite listens on.
 */
class PythonClientTest {

    static final String STORE = "alger-01";
    static final String PAPER_OUT_STORE = "setif-02";
    /** Offline, for the queue limit: its queue fills up and stays full. */
    static final String FULL_STORE = "oran-03";
    /** Offline, for jobs that wait and expire. */
    static final String OFFLINE_STORE = "oran-04";
    /** The one store the webhook is for: only the webhook test prints there, while it listens. */
    static final String WEBHOOK_STORE = "blida-05";

    static final int MAX_QUEUED = 3;
    static final String WEBHOOK_SECRET = "whsec-" + UUID.randomUUID();
    static final String LIMITED_TOKEN = "setif-only-" + UUID.randomUUID();
    /** What the suite prints in the job it sends twice (once lost on the way back): it must reach paper once. */
    static final String ONCE_MARKER = "ONCE-" + UUID.randomUUID();

    /** Tests run in bridge-server/; the client is the repository's. */
    static final Path CLIENT = Path.of("..", "clients", "python");

    static final Pattern RAN = Pattern.compile("^Ran (\\d+) tests? in ", Pattern.MULTILINE);

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();
    static int webhookPort;

    @BeforeAll
    static void start() throws Exception {
        webhookPort = Bridge.freePort();
        Map<String, Object> properties = new HashMap<>();
        properties.put("bridge.jobs.max-queued-per-store", MAX_QUEUED);
        properties.put("bridge.api.tokens.limited.sha256", ApiTokens.sha256(LIMITED_TOKEN));
        properties.put("bridge.api.tokens.limited.stores", PAPER_OUT_STORE);
        properties.put("bridge.webhooks.erp.url", "http://127.0.0.1:" + webhookPort + "/printbridge/hook");
        properties.put("bridge.webhooks.erp.secret", WEBHOOK_SECRET);
        properties.put("bridge.webhooks.erp.stores", WEBHOOK_STORE);
        bridge = new Bridge(
                dir.resolve("bridge"),
                List.of(STORE, PAPER_OUT_STORE, FULL_STORE, OFFLINE_STORE, WEBHOOK_STORE),
                properties);
        Bridge.connected(bridge.startAgent(STORE, printer));
        Bridge.connected(bridge.startAgent(PAPER_OUT_STORE, new VirtualPrinter().paperOut(true)));
        Bridge.connected(bridge.startAgent(WEBHOOK_STORE, new VirtualPrinter()));
        for (String offline : List.of(FULL_STORE, OFFLINE_STORE)) {
            // Known to the server (an agent connected once), then offline.
            Agent agent = Bridge.connected(bridge.startAgent(offline, new VirtualPrinter()));
            agent.close();
            bridge.await("/api/v1/stores", stores -> isOffline(stores, offline), Duration.ofSeconds(15));
        }
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Test
    void pythonClientSuitePassesAgainstALiveBridge() throws Exception {
        Map<String, String> environment = new HashMap<>();
        environment.put("PRINTBRIDGE_URL", bridge.uri("").toString());
        environment.put("PRINTBRIDGE_TOKEN", Bridge.TOKEN);
        environment.put("PRINTBRIDGE_STORE", STORE);
        environment.put("PRINTBRIDGE_TEST_PAPER_OUT_STORE", PAPER_OUT_STORE);
        environment.put("PRINTBRIDGE_TEST_FULL_STORE", FULL_STORE);
        environment.put("PRINTBRIDGE_TEST_OFFLINE_STORE", OFFLINE_STORE);
        environment.put("PRINTBRIDGE_TEST_MAX_QUEUED", Integer.toString(MAX_QUEUED));
        environment.put("PRINTBRIDGE_TEST_LIMITED_TOKEN", LIMITED_TOKEN);
        environment.put("PRINTBRIDGE_TEST_WEBHOOK_STORE", WEBHOOK_STORE);
        environment.put("PRINTBRIDGE_TEST_WEBHOOK_PORT", Integer.toString(webhookPort));
        environment.put("PRINTBRIDGE_TEST_WEBHOOK_SECRET", WEBHOOK_SECRET);
        environment.put("PRINTBRIDGE_TEST_ONCE_MARKER", ONCE_MARKER);
        environment.put("PYTHONDONTWRITEBYTECODE", "1");
        environment.put("PYTHONUNBUFFERED", "1");

        Python.Result result = Python.run(
                CLIENT,
                List.of("-m", "unittest", "discover", "-s", "tests", "-t", ".", "-v"),
                environment,
                new byte[0],
                Duration.ofMinutes(5),
                dir.resolve("python"));

        String output = "python3 -m unittest (in clients/python) said:\n" + result.stdout() + result.stderr();
        System.out.println(output); // each Python test and its verdict, in the test's output, pass or fail
        assertThat(result.exitCode()).as(output).isZero();
        // unittest writes its report to stderr; a live test skipped for want of a server would hide a failure.
        assertThat(result.stderr()).as(output).containsPattern("(?m)^OK$").doesNotContain("skipped");
        Matcher ran = RAN.matcher(result.stderr());
        assertThat(ran.find()).as(output).isTrue();
        assertThat(Integer.parseInt(ran.group(1))).as(output).isGreaterThanOrEqualTo(40);
        // The print whose first answer was lost and that the client sent again with the same
        // Idempotency-Key reached paper once: the server answered the retry with the first job.
        assertThat(new String(printer.printed(), StandardCharsets.ISO_8859_1))
                .as(output)
                .containsOnlyOnce(ONCE_MARKER);
    }

    private static boolean isOffline(JsonNode stores, String storeId) {
        for (JsonNode store : stores.get("stores")) {
            if (store.get("storeId").asText().equals(storeId)) {
                return !store.get("online").asBoolean();
            }
        }
        return false;
    }
}
