package io.printbridge.agent;

import io.printbridge.agent.config.AgentConfig;
import io.printbridge.agent.config.AgentConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: the agent's properties file. Without it, {@code BRIDGE_AGENT_CONFIG},
 * else {@code agent.properties} in the working directory if there is one, else none (environment
 * variables only).
 */
final class ConfigFileOption {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "The agent's properties file (default: $BRIDGE_AGENT_CONFIG, else agent.properties here if it exists).")
    @Nullable
    Path file;

    /** The file to read, or null for none. */
    @Nullable
    Path resolve(Map<String, String> environment) {
        if (file != null) {
            return file;
        }
        String fromEnvironment = environment.get("BRIDGE_AGENT_CONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Path.of(fromEnvironment);
        }
        Path local = Path.of("agent.properties");
        return Files.exists(local) ? local : null;
    }

    AgentConfig load(Map<String, String> environment, Consumer<String> warnings) {
        return new AgentConfigLoader(warnings).load(resolve(environment), environment);
    }
}
