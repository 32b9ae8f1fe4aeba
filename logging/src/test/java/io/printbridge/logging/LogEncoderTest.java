package io.printbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogEncoderTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();

    @Test
    void jsonFormatWritesOneParseableObjectPerLineWithTheMessage() throws Exception {
        Logger log = logger("json");

        log.info("printer {} is now {}", "receipt", "paper out");
        log.warn("second");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("formattedMessage").asText()).isEqualTo("printer receipt is now paper out");
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("loggerName").asText()).isEqualTo("test");
        assertThat(new ObjectMapper().readTree(lines.get(1)).get("level").asText())
                .isEqualTo("WARN");
    }

    @Test
    void jsonKeepsAnEscapedMessageOnOneLine() throws Exception {
        Logger log = logger("JSON");

        log.info("host {}", LogSafe.text("pc\nforged"));

        List<String> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(new ObjectMapper()
                        .readTree(lines.get(0))
                        .get("formattedMessage")
                        .asText())
                .isEqualTo("host pc\\nforged");
    }

    @Test
    void textFormatWritesThePattern() throws Exception {
        Logger log = logger("text");

        log.info("printer {} is now {}", "receipt", "ready");

        assertThat(lines()).containsExactly("INFO test printer receipt is now ready");
    }

    @Test
    void anUnknownFormatIsWarnedAboutAndWrittenAsText() throws Exception {
        LoggerContext context = new LoggerContext();
        Logger log = logger(context, "xml");

        log.info("still logged");

        assertThat(lines()).containsExactly("INFO test still logged");
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .extracting(Status::getMessage)
                .contains("log format: \"xml\" (expected: text or json); writing text");
    }

    @Test
    void logbackXmlPicksTheFormatFromTheSetting() throws Exception {
        LoggerContext context = new LoggerContext();
        context.putProperty("BRIDGE_LOG_FORMAT", "json");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(new ByteArrayInputStream("""
                <configuration>
                  <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder class="io.printbridge.logging.LogEncoder">
                      <format>${bridge.log.format:-${BRIDGE_LOG_FORMAT:-text}}</format>
                    </encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="OUT"/></root>
                </configuration>""".getBytes(StandardCharsets.UTF_8)));

        var appender = (OutputStreamAppender<?>)
                context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OUT");

        assertThat(((LogEncoder) appender.getEncoder()).format()).isEqualTo(LogEncoder.JSON);
    }

    private Logger logger(String format) {
        return logger(new LoggerContext(), format);
    }

    private Logger logger(LoggerContext context, String format) {
        context.setMDCAdapter(new LogbackMDCAdapter());
        context.start();
        LogEncoder encoder = new LogEncoder();
        encoder.setContext(context);
        encoder.setFormat(format);
        encoder.setPattern("%level %logger %msg%n");
        encoder.start();
        OutputStreamAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(written);
        appender.start();
        Logger log = context.getLogger("test");
        log.addAppender(appender);
        return log;
    }

    private List<String> lines() {
        return written.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
