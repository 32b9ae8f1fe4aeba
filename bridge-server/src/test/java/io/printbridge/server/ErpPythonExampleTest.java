package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.server.testing.Bridge;
import io.printbridge.server.testing.Python;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Python example, exactly as written there, run by {@code python3} against a live
 * server with an agent and a virtual printer: the example the ERP's developers copy must work.
 */
class ErpPythonExampleTest {

    /** The snippet sits between these markers in the README, inside a ```python fence. */
    static final Pattern SNIPPET = Pattern.compile(
            "<!-- erp-python-example:start -->\\s*```python\\R(.*?)```\\s*<!-- erp-python-example:end -->",
            Pattern.DOTALL);

    /** What the ERP's code would add around the function: arguments in, the job's state out. */
    static final String DRIVER = """

            import os, sys
            job = print_raw(os.environ["STORE_ID"], sys.stdin.buffer.read(), os.environ["BRIDGE_TOKEN"],
                            base=os.environ["BRIDGE_URL"])
            print(job["state"])
            """;

    /** Init, a line of text, a full cut. */
    static final byte[] RECEIPT = {0x1B, '@', 'M', 'e', 'r', 'c', 'i', '\n', 0x1D, 'V', 66, 0};

    @TempDir
    static Path dir;

    static Bridge bridge;
    static final VirtualPrinter printer = new VirtualPrinter();
    static Path script;

    @BeforeAll
    static void start() throws Exception {
        bridge = new Bridge(dir.resolve("bridge"), List.of("alger-01"));
        Bridge.connected(bridge.startAgent("alger-01", printer));
        Files.createDirectories(dir.resolve("python"));
        script = Files.writeString(dir.resolve("python").resolve("erp_example.py"), readmeSnippet() + DRIVER);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @BeforeEach
    void resetPrinter() {
        printer.clear();
        printer.paperOut(false);
    }

    @Test
    void readmeExamplePrintsTheBytesItIsGiven() throws Exception {
        Python.Result result = runExample("alger-01");

        assertThat(result.exitCode()).as("stderr: %s", result.stderr()).isZero();
        assertThat(result.stdout().strip()).isEqualTo("DONE");
        assertThat(printer.printed()).isEqualTo(RECEIPT);
    }

    @Test
    void readmeExampleRaisesWithThePrintersReasonWhenPaperIsOut() throws Exception {
        printer.paperOut(true);

        Python.Result result = runExample("alger-01");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lastErrorLine()).isEqualTo("RuntimeError: paper out on printer receipt");
        assertThat(printer.printed()).isEmpty();
    }

    @Test
    void readmeExampleRaisesWithTheApiErrorMessageForAnUnknownStore() throws Exception {
        Python.Result result = runExample("oran-07");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.lastErrorLine()).startsWith("RuntimeError: unknown store \"oran-07\"");
    }

    private static Python.Result runExample(String storeId) throws Exception {
        return Python.run(
                script,
                Map.of(
                        "STORE_ID",
                        storeId,
                        "BRIDGE_TOKEN",
                        Bridge.TOKEN,
                        "BRIDGE_URL",
                        bridge.uri("").toString()),
                RECEIPT,
                Duration.ofSeconds(60));
    }

    private static String readmeSnippet() throws IOException {
        // Tests run in bridge-server/; the README is the repository's.
        Path readme = Path.of("..", "README.md");
        Matcher matcher = SNIPPET.matcher(Files.readString(readme, StandardCharsets.UTF_8));
        if (!matcher.find()) {
            throw new AssertionError("no ```python block between <!-- erp-python-example:start --> and "
                    + "<!-- erp-python-example:end --> in " + readme.toAbsolutePath());
        }
        return matcher.group(1);
    }
}
