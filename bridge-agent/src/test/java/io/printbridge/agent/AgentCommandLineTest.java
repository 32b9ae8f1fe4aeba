package io.printbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bridge-agent}'s command line: what it refuses, where the usage goes, and its exit status. */
class AgentCommandLineTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int agent(String... args) {
        return AgentMain.execute(args, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void misspeltOptionIsRefusedWithTheUsageOnStandardError() {
        // --confg for --config: before picocli it was ignored, and the command ran without the file.
        int exit = agent("printers", "--confg", dir.resolve("agent.properties").toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown options: '--confg'")
                .contains("Possible solutions: --config")
                .contains("Usage: bridge-agent printers");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void optionWithoutItsValueIsRefused() {
        assertThat(agent("run", "--config")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Missing required parameter for option '--config'")
                .contains("Usage: bridge-agent run");
    }

    @Test
    void unknownCommandIsRefused() {
        assertThat(agent("prnters")).isEqualTo(2);
        assertThat(err.toString()).contains("prnters").contains("Usage: bridge-agent");
    }

    @Test
    void withoutACommandItRunsAndAConfigurationFileThatCannotBeReadIsExitStatus2() {
        Path missing = dir.resolve("missing.properties");

        int exit = agent("--config", missing.toString());

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString())
                .contains("bridge-agent: configuration: configuration file")
                .contains("missing.properties");
    }

    @Test
    void runTakesTheSameConfigurationOption() {
        assertThat(agent("run", "--config", dir.resolve("missing.properties").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).contains("cannot be read");
    }

    @Test
    void helpListsTheCommandsOnStandardOutput() {
        assertThat(agent("help")).isZero();
        assertThat(out.toString())
                .contains("Usage: bridge-agent")
                .contains("run")
                .contains("printers")
                .contains("virtual-printer");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void virtualPrinterRefusesAPortOutOfRange() {
        assertThat(agent("virtual-printer", "--port", "70000")).isEqualTo(2);
        assertThat(err.toString())
                .contains("\"70000\" (expected: 0 to 65535; 0 picks a free port)")
                .contains("Usage: bridge-agent virtual-printer");
    }
}
