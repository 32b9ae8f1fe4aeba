package io.printbridge.server.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what a logger prints during a test, so a test can check the log line a person would read. */
public final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    public LogCapture(String loggerName) {
        this.logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    public List<String> messages() {
        // The appender adds under its own lock (from the server's threads): copy under it too.
        synchronized (appender) {
            return appender.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
        }
    }

    /** The lines that mention {@code fragment}. */
    public List<String> messagesContaining(String fragment) {
        return messages().stream().filter(m -> m.contains(fragment)).toList();
    }

    /** Waits until a line mentions {@code fragment}, and returns it; fails after {@code timeout}. */
    public String await(String fragment, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> lines = messagesContaining(fragment);
            if (!lines.isEmpty()) {
                return lines.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "no log line containing \"" + fragment + "\" within " + timeout + "; saw: " + messages());
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
