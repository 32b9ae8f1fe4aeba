package io.printbridge.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentLogDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void theLogsGoIntoTheDataDirectoryOfTheConfigurationGivenOnTheCommandLine() throws Exception {
        Path config = write(dir.resolve("conf/agent.properties"), "data.dir=shop-data\n");

        Path logs = AgentLogDirectory.resolve("bridge-agent-all.jar run --config " + config, Map.of(), dir);

        assertThat(logs).isEqualTo(dir.resolve("conf/shop-data/logs"));
    }

    @Test
    void aConfigurationPathWithSpacesIsFound() throws Exception {
        Path config = write(dir.resolve("Program Files/printbridge/agent.properties"), "data.dir=data\n");

        Path logs = AgentLogDirectory.resolve("bridge-agent-all.jar run --config " + config + " --verbose", Map.of(), dir);

        assertThat(logs).isEqualTo(dir.resolve("Program Files/printbridge/data/logs"));
    }

    @Test
    void theLogDirectorySettingWinsAndTheEnvironmentOverridesTheFile() throws Exception {
        Path config = write(dir.resolve("agent.properties"), "data.dir=shop-data\nlog.dir=journal-logs\n");

        assertThat(AgentLogDirectory.resolve("io.printbridge.agent.AgentMain --config=" + config, Map.of(), dir))
                .isEqualTo(dir.resolve("journal-logs"));
        assertThat(AgentLogDirectory.resolve("io.printbridge.agent.AgentMain --config=" + config,
                Map.of("BRIDGE_LOG_DIR", "/var/log/printbridge"), dir)).isEqualTo(Path.of("/var/log/printbridge"));
    }

    @Test
    void withoutACommandLineArgumentTheEnvironmentThenTheWorkingDirectoryNameTheConfiguration() throws Exception {
        Path config = write(dir.resolve("elsewhere/agent.properties"), "data.dir=d1\n");
        write(dir.resolve("agent.properties"), "data.dir=d2\n");

        assertThat(AgentLogDirectory.resolve("bridge-agent-all.jar run", Map.of("BRIDGE_AGENT_CONFIG", config.toString()), dir))
                .isEqualTo(dir.resolve("elsewhere/d1/logs"));
        assertThat(AgentLogDirectory.resolve("bridge-agent-all.jar run", Map.of(), dir)).isEqualTo(dir.resolve("d2/logs"));
    }

    @Test
    void withNoConfigurationAtAllTheLogsGoToDataLogs() {
        assertThat(AgentLogDirectory.resolve("bridge-agent-all.jar virtual-printer --port 9100", Map.of(), dir))
                .isEqualTo(dir.resolve("data/logs"));
    }

    @Test
    void theDataDirectoryFromTheEnvironmentOverridesTheFile() throws Exception {
        Path config = write(dir.resolve("agent.properties"), "data.dir=shop-data\n");

        assertThat(AgentLogDirectory.resolve("x.jar run --config " + config, Map.of("BRIDGE_DATA_DIR", "D:/bridge"), dir))
                .isEqualTo(dir.resolve("D:/bridge/logs"));
    }

    private static Path write(Path file, String content) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
