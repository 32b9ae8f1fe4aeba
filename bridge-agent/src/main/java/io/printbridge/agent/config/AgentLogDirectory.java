package io.printbridge.agent.config;

import ch.qos.logback.core.PropertyDefinerBase;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Where the agent writes its log file: the {@code log.dir} setting ({@code BRIDGE_LOG_DIR}) if
 * given, else {@code logs} in the agent's {@code data.dir} ({@code BRIDGE_DATA_DIR}, default
 * {@code data}), relative to the configuration file as the other settings are.
 *
 * <p>logback.xml asks for it ({@code <define>}) when logging starts, which is before the agent
 * has read its configuration, so this finds the configuration file the way the agent does: the
 * {@code --config} argument (read back from the command line the JVM was started with, where a
 * path may hold spaces), else {@code BRIDGE_AGENT_CONFIG}, else {@code agent.properties} in the
 * working directory. Nothing here fails: a configuration it cannot read means the defaults, and
 * the agent reports the bad configuration itself a moment later.
 */
public final class AgentLogDirectory extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        try {
            return resolve(System.getProperty("sun.java.command", ""), System.getenv(), Path.of("")).toString();
        } catch (RuntimeException e) {
            addWarn("cannot tell the agent's log directory (" + e + "); logging to data/logs");
            return Path.of("data", "logs").toString();
        }
    }

    /**
     * @param javaCommand the main class or jar and its arguments, as the JVM was started
     * @param environment the environment variables
     * @param workingDirectory what relative paths without a configuration file are relative to
     */
    static Path resolve(String javaCommand, Map<String, String> environment, Path workingDirectory) {
        Path file = configFile(javaCommand, environment, workingDirectory);
        Settings settings = new Settings(read(file), environment);
        Path base = file != null && file.toAbsolutePath().getParent() != null ? file.toAbsolutePath().getParent() : workingDirectory;
        return settings.get("log.dir").map(base::resolve)
                .orElseGet(() -> base.resolve(settings.get("data.dir").orElse("data")).resolve("logs"));
    }

    private static @Nullable Path configFile(String javaCommand, Map<String, String> environment, Path workingDirectory) {
        Optional<Path> argument = configArgument(javaCommand, workingDirectory);
        if (argument.isPresent()) {
            return argument.get();
        }
        String fromEnvironment = environment.get("BRIDGE_AGENT_CONFIG");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return workingDirectory.resolve(fromEnvironment.trim());
        }
        Path local = workingDirectory.resolve("agent.properties");
        return Files.isRegularFile(local) ? local : null;
    }

    /**
     * The file after {@code --config} (or {@code --config=}) on the command line. Quotes are gone
     * by then, so a path with spaces runs to the next {@code " --"}; the longest part of it that
     * names an existing file is taken.
     */
    static Optional<Path> configArgument(String javaCommand, Path workingDirectory) {
        int at = javaCommand.indexOf(" --config");
        if (at < 0) {
            return Optional.empty();
        }
        String rest = javaCommand.substring(at + " --config".length());
        if (!rest.startsWith(" ") && !rest.startsWith("=")) {
            return Optional.empty(); // another option that starts the same way
        }
        rest = rest.substring(1).strip();
        int next = rest.indexOf(" --");
        String value = next < 0 ? rest : rest.substring(0, next).strip();
        while (!value.isEmpty()) {
            Path candidate = workingDirectory.resolve(value);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
            int space = value.lastIndexOf(' ');
            value = space < 0 ? "" : value.substring(0, space);
        }
        return Optional.empty();
    }

    private static Properties read(@Nullable Path file) {
        Properties properties = new Properties();
        if (file != null && Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return properties;
    }
}
