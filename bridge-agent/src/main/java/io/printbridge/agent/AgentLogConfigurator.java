package io.printbridge.agent;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.printbridge.logging.LogEncoder;

/**
 * The agent's console log, set up in code: one line per event to standard output, in text or
 * JSON ({@code -Dbridge.log.format} or {@code BRIDGE_LOG_FORMAT}), INFO and above, gRPC's Netty
 * from WARN. {@link AgentLogFile} adds the log file once {@code run} has read its configuration.
 *
 * <p>Why not a logback.xml: reading one loads logback's configuration interpreter and the JDK's
 * XML parser, about 400 classes that stay loaded for the agent's life, in a process that must stay
 * small on the till PC (BENCHMARKS.md, the agent at rest). An operator's own configuration still
 * wins: with {@code -Dlogback.configurationFile} set, or a logback.xml or logback-test.xml on the
 * class path, this steps aside and logback reads that file as usual.
 *
 * <p>Found by logback through {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class AgentLogConfigurator extends ContextAwareBase implements Configurator {

    static final String CONSOLE_APPENDER = "STDOUT";
    static final String CONSOLE_PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    /** Where a logback.xml or logback-test.xml of someone else's would be found. */
    private final ClassLoader classPath;

    /** Public with no arguments, as the service loader needs. */
    public AgentLogConfigurator() {
        this(AgentLogConfigurator.class.getClassLoader());
    }

    AgentLogConfigurator(ClassLoader classPath) {
        this.classPath = classPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (anotherConfigurationIsGiven()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        String format = format();
        context.putProperty("LOG_FORMAT", format);

        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern(CONSOLE_PATTERN);
        encoder.start();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName(CONSOLE_APPENDER);
        console.setEncoder(encoder);
        console.start();

        context.getLogger("io.grpc.netty.shaded").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The log format setting: the system property, else the environment, else text. */
    static String format() {
        String property = System.getProperty("bridge.log.format");
        if (property != null && !property.isBlank()) {
            return property;
        }
        String environment = System.getenv("BRIDGE_LOG_FORMAT");
        return environment != null && !environment.isBlank() ? environment : LogEncoder.TEXT;
    }

    private boolean anotherConfigurationIsGiven() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        return classPath.getResource("logback-test.xml") != null || classPath.getResource("logback.xml") != null;
    }
}
