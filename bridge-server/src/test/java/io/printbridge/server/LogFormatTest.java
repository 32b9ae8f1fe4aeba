package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.printbridge.logging.LogSafe;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The server's own logback.xml (not the tests'): text by default, JSON lines with the setting. */
class LogFormatTest {

    private static final Path SERVER_LOGBACK = Path.of("src/main/resources/logback.xml");

    @Test
    void withTheJsonSettingALogLineIsAJsonObjectCarryingTheMessage() throws Exception {
        String line = encode(
                configured("json"),
                "refused agent connection from {}: certificate \"{}\" is not acceptable",
                "203.0.113.7:50112",
                LogSafe.text("CN=x\nforged"));

        assertThat(line).endsWith("\n").doesNotContain("\n\n");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("formattedMessage").asText())
                .isEqualTo(
                        "refused agent connection from 203.0.113.7:50112: certificate \"CN=x\\nforged\" is not acceptable");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("loggerName").asText()).isEqualTo("io.printbridge.server.grpc.HandshakeRefusalLogger");
    }

    @Test
    void withoutTheSettingTheLogIsText() throws Exception {
        String line = encode(configured(null), "agent server stopped");

        assertThat(line)
                .matches(
                        "\\d{2}:\\d{2}:\\d{2}\\.\\d{3} WARN  \\[main\\] i\\.p\\.s\\.g\\.HandshakeRefusalLogger - agent server stopped\\R");
    }

    private static LoggerContext configured(String format) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        if (format != null) {
            context.putProperty("bridge.log.format", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(SERVER_LOGBACK.toFile());
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("logback's own warnings and errors")
                .allSatisfy(status -> assertThat(status.getLevel()).isLessThan(Status.WARN));
        return context;
    }

    /** What the server's console appender writes for one event. */
    private static String encode(LoggerContext context, String message, Object... arguments) {
        Logger logger = context.getLogger("io.printbridge.server.grpc.HandshakeRefusalLogger");
        @SuppressWarnings("unchecked")
        OutputStreamAppender<ILoggingEvent> console = (OutputStreamAppender<ILoggingEvent>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDOUT");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.WARN, message, null, arguments);
        event.setThreadName("main");
        return new String(console.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
