package io.printbridge.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own logback.xml (not the tests'), run in a logger context of the test's own. */
class AgentLogFileTest {

    @TempDir
    Path dir;

    @Test
    void theAgentWritesItsLogToAFileUnderTheConfiguredDirectory() throws Exception {
        LoggerContext context = configured("text");

        context.getLogger("io.printbridge.agent.link.AgentLink").info("connected to {} as store {}", "bridge:8443", "alger-01");
        context.stop();

        List<String> lines = Files.readAllLines(dir.resolve("agent.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\\d{4}-\\d{2}-\\d{2} .* INFO .* - connected to bridge:8443 as store alger-01");
    }

    @Test
    void withTheJsonSettingEachLineIsAJsonObjectCarryingTheMessage() throws Exception {
        LoggerContext context = configured("json");

        context.getLogger("io.printbridge.agent.link.AgentLink").warn("stream ended: {}", "server unreachable");
        context.stop();

        List<String> lines = Files.readAllLines(dir.resolve("agent.log"), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(1);
        JsonNode line = new ObjectMapper().readTree(lines.get(0));
        assertThat(line.get("formattedMessage").asText()).isEqualTo("stream ended: server unreachable");
        assertThat(line.get("level").asText()).isEqualTo("WARN");
    }

    private LoggerContext configured(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.putProperty("bridge.log.dir", dir.toString());
        context.putProperty("bridge.log.format", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        URL agentConfiguration = getClass().getClassLoader().getResource("logback.xml");
        assertThat(agentConfiguration).as("the agent's logback.xml on the class path").isNotNull();
        configurator.doConfigure(agentConfiguration);
        assertThat(context.getStatusManager().getCopyOfStatusList()).as("logback's own warnings and errors")
                .allSatisfy(status -> assertThat(status.getLevel()).isLessThan(Status.WARN));
        return context;
    }
}
