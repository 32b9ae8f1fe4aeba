package io.printbridge.logging;

import static java.util.Objects.requireNonNull;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.Charset;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The encoder of the server's and the agent's logs: one line of text per event (the pattern), or
 * one JSON object per line for a log collector (logback's own {@link JsonEncoder}: timestamp,
 * level, thread, logger, the formatted message, its arguments, MDC and the exception). Their
 * logback.xml choose with {@code <format>${bridge.log.format:-${BRIDGE_LOG_FORMAT:-text}}</format>}.
 *
 * <p>One encoder that picks, rather than an {@code <if>} in logback.xml (which needs Janino on
 * the class path) or one appender per format chosen by name (logback warns at every start about
 * the appender left unused).
 */
public final class LogEncoder extends EncoderBase<ILoggingEvent> {

    /** The format names, as written in the setting (case does not matter). */
    public static final String TEXT = "text";

    public static final String JSON = "json";

    private String format = TEXT;
    private String pattern = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";
    private @Nullable Charset charset;
    private @Nullable Encoder<ILoggingEvent> delegate;

    /** {@code text} (the default) or {@code json}; anything else is warned about and written as text. */
    public void setFormat(String format) {
        this.format = requireNonNull(format, "format").trim().toLowerCase(Locale.ROOT);
    }

    /** The text format's layout pattern (ignored for JSON). */
    public void setPattern(String pattern) {
        this.pattern = requireNonNull(pattern, "pattern");
    }

    /** The text format's charset (JSON is always UTF-8); the platform's by default. */
    public void setCharset(Charset charset) {
        this.charset = requireNonNull(charset, "charset");
    }

    /** The format in use once started: {@link #TEXT} or {@link #JSON}. */
    public String format() {
        return delegate instanceof JsonEncoder ? JSON : TEXT;
    }

    @Override
    public void start() {
        Encoder<ILoggingEvent> chosen;
        if (format.equals(JSON)) {
            chosen = json();
        } else {
            if (!format.equals(TEXT) && !format.isEmpty()) {
                addWarn("log format: \"" + format + "\" (expected: text or json); writing text");
            }
            chosen = text();
        }
        chosen.setContext(getContext());
        chosen.start();
        delegate = chosen;
        super.start();
    }

    private Encoder<ILoggingEvent> text() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setPattern(pattern);
        if (charset != null) {
            text.setCharset(charset);
        }
        return text;
    }

    private static Encoder<ILoggingEvent> json() {
        JsonEncoder json = new JsonEncoder();
        // The context block repeats the logger context's name, birth date and properties on every
        // line; the sequence number and nanoseconds add nothing a collector needs.
        json.setWithContext(false);
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        // What a person reads: the message with its arguments filled in (already made safe by LogSafe).
        json.setWithFormattedMessage(true);
        return json;
    }

    @Override
    public void stop() {
        Encoder<ILoggingEvent> running = delegate;
        if (running != null) {
            running.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return started().headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return started().encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return started().footerBytes();
    }

    private Encoder<ILoggingEvent> started() {
        Encoder<ILoggingEvent> running = delegate;
        if (running == null) {
            throw new IllegalStateException("log encoder used before start()");
        }
        return running;
    }
}
