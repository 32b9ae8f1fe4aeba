package io.printbridge.agent;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import io.printbridge.logging.LogEncoder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AgentLogConfiguratorTest {

    /** A class path with no logback.xml or logback-test.xml on it, as in the agent's own jar. */
    private static final ClassLoader NO_LOGBACK_FILES = new ClassLoader(null) {};

    @AfterEach
    void clearFormat() {
        System.clearProperty("bridge.log.format");
    }

    @Test
    void withNoLogbackFileTheConsoleGetsInfoInTextAndNettyOnlyWarnings() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = configure(context, NO_LOGBACK_FILES);

        assertThat(status).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.grpc.netty.shaded.io.netty.handler.ssl")
                        .getEffectiveLevel())
                .isEqualTo(Level.WARN);
        assertThat(encoder(root).format()).isEqualTo(LogEncoder.TEXT);
        assertThat(new String(encoder(root).encode(event(context)), StandardCharsets.UTF_8))
                .matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO  \\[main\\] i\\.printbridge\\.agent - imprimé\\R");
    }

    @Test
    void theFormatSettingPicksJson() {
        System.setProperty("bridge.log.format", "json");
        LoggerContext context = new LoggerContext();

        configure(context, NO_LOGBACK_FILES);

        assertThat(encoder(context.getLogger(Logger.ROOT_LOGGER_NAME)).format()).isEqualTo(LogEncoder.JSON);
        assertThat(context.getProperty("LOG_FORMAT")).isEqualTo("json");
    }

    @Test
    void aLogbackFileOnTheClassPathWins() {
        // The test class path holds logback-test.xml.
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = configure(context, getClass().getClassLoader());

        assertThat(status).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(AgentLogConfigurator.CONSOLE_APPENDER))
                .isNull();
    }

    @Test
    void logbackFindsItThroughTheServiceLoader() throws Exception {
        assertThat(ServiceLoader.load(ch.qos.logback.classic.spi.Configurator.class).stream()
                        .map(ServiceLoader.Provider::type))
                .contains(AgentLogConfigurator.class);
        try (InputStream stale = getClass().getClassLoader().getResourceAsStream("logback.xml")) {
            assertThat(stale)
                    .as("a logback.xml in the agent's jar would make the configurator step aside")
                    .isNull();
        }
    }

    private static ExecutionStatus configure(LoggerContext context, ClassLoader classPath) {
        AgentLogConfigurator configurator = new AgentLogConfigurator(classPath);
        configurator.setContext(context);
        return configurator.configure(context);
    }

    @SuppressWarnings("unchecked")
    private static LogEncoder encoder(Logger root) {
        ConsoleAppender<ILoggingEvent> console =
                (ConsoleAppender<ILoggingEvent>) root.getAppender(AgentLogConfigurator.CONSOLE_APPENDER);
        assertThat(console).isNotNull();
        assertThat(console.isStarted()).isTrue();
        return (LogEncoder) console.getEncoder();
    }

    private static ILoggingEvent event(LoggerContext context) {
        Logger logger = context.getLogger("io.printbridge.agent");
        ch.qos.logback.classic.spi.LoggingEvent event = new ch.qos.logback.classic.spi.LoggingEvent(
                Logger.class.getName(), logger, Level.INFO, "imprimé", null, null);
        event.setThreadName("main");
        return event;
    }
}
