package io.printbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's log file, added to a logger context of the test's own. */
class AgentLogFileTest {

    @TempDir
    Path dir;

    @Test
    void theAgentWritesItsLogToAFileUnderTheConfiguredDirectory() throws Exception {
        LoggerContext context = context("text");
        AgentLogFile.start(context, dir.resolve("logs"));

        context.getLogger("io.printbridge.agent.link.AgentLink")
                .info("connected to {} as store {}", "bridge:8443", "alger-01");
        context.stop();

        List<String> lines = Files.readAllLines(dir.resolve("logs/agent.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0))
                .matches("\\d{4}-\\d{2}-\\d{2} .* INFO .* - connected to bridge:8443 as store alger-01");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback's own warnings and errors")
                .allSatisfy(status -> assertThat(status.getLevel()).isLessThan(Status.WARN));
    }

    @Test
    void withTheJsonSettingEachLineIsAJsonObjectCarryingTheMessage() throws Exception {
        LoggerContext context = context("json");
        AgentLogFile.start(context, dir);

        context.getLogger("io.printbridge.agent.link.AgentLink").warn("stream ended: {}", "server unreachable");
        context.stop();

        List<String> lines = Files.readAllLines(dir.resolve("agent.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("formattedMessage").asText()).isEqualTo("stream ended: server unreachable");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void startingTwiceAddsOneFile() {
        LoggerContext context = context("text");

        AgentLogFile.start(context, dir);
        AgentLogFile.start(context, dir);

        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders())
                .toIterable()
                .hasSize(1);
        context.stop();
    }

    private static LoggerContext context(String format) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("LOG_FORMAT", format);
        return context;
    }
}
