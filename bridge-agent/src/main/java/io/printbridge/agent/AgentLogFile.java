package io.printbridge.agent;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import io.printbridge.logging.LogEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The agent's log file, {@code agent.log} in the configured log directory: on the shop PC the
 * console is often nobody's (a service), so the same lines go to a file, rolled over every day
 * and at 10 MB, at most 100 MB in all, kept 30 days. Added when {@code run} has read the
 * configuration, which is where the directory comes from; the other commands (the technician's
 * {@code printers}, the virtual printer) log to the console only.
 */
final class AgentLogFile {

    static final String APPENDER = "FILE";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    private AgentLogFile() {}

    /** Adds the file to the root logger of the agent's logback context (once). */
    static void start(Path directory) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start(context, directory);
        }
    }

    /**
     * Adds the file to {@code context}'s root logger, in the format the console uses
     * ({@code bridge.log.format} / {@code BRIDGE_LOG_FORMAT}: text or json).
     */
    static void start(LoggerContext context, Path directory) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(APPENDER) != null) {
            return;
        }
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format(context));
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setPattern(PATTERN);
        encoder.start();

        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(APPENDER);
        file.setFile(directory.resolve("agent.log").toString());
        file.setEncoder(encoder);
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(file);
        rolling.setFileNamePattern(
                directory.resolve("agent.%d{yyyy-MM-dd}.%i.log").toString());
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.setMaxHistory(30);
        rolling.start();
        file.setRollingPolicy(rolling);
        file.start();
        root.addAppender(file);
    }

    private static String format(LoggerContext context) {
        String format = context.getProperty("LOG_FORMAT");
        return format != null ? format : AgentLogConfigurator.format();
    }
}
