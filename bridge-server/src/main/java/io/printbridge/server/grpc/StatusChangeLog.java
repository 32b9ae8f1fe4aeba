package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.printbridge.logging.LogSafe;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Log lines for printers' status changes that a flapping printer cannot turn into a flood: per
 * store and printer, the first change of a window is written at once, the others within the
 * window are only counted, and one line sums them up once the window is over ("printer receipt
 * of store alger-01 changed status 412 times in the last 60 s; now: paper out"). The summary is
 * written at the first change or {@link #flush} after the window; the agent link calls flush on
 * the store's heartbeats and when its stream ends, so a summary is never long in coming.
 */
final class StatusChangeLog {

    private static final Logger log = LoggerFactory.getLogger(StatusChangeLog.class);

    private final Clock clock;
    private final Duration window;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();

    private record Key(String storeId, String printer) {}

    /** A window of one printer's changes: when it opened, the changes not written yet, the latest. */
    private static final class Window {
        final Instant opened;
        int unwritten;
        String latest;

        Window(Instant opened, String latest) {
            this.opened = opened;
            this.latest = latest;
        }
    }

    StatusChangeLog(Clock clock, Duration window) {
        this.clock = requireNonNull(clock, "clock");
        this.window = requireNonNull(window, "window");
    }

    /** A printer's status changed to {@code detail} (text from the agent: made safe here). */
    void changed(String storeId, String printer, String detail) {
        Instant now = clock.instant();
        String safeDetail = LogSafe.text(detail);
        windows.compute(new Key(storeId, printer), (key, open) -> {
            if (open != null && now.isBefore(open.opened.plus(window))) {
                open.unwritten++;
                open.latest = safeDetail;
                return open;
            }
            if (open != null) {
                summarise(key, open);
            }
            log.info("printer {} of store {} is now {}", LogSafe.text(printer), storeId, safeDetail);
            return new Window(now, safeDetail);
        });
    }

    /** Writes the summaries of {@code storeId}'s windows that are over, and forgets them. */
    void flush(String storeId) {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Window> entry = it.next();
            if (entry.getKey().storeId().equals(storeId)
                    && !now.isBefore(entry.getValue().opened.plus(window))) {
                windows.computeIfPresent(entry.getKey(), (key, open) -> {
                    summarise(key, open);
                    return null;
                });
            }
        }
    }

    /** Writes the window's summary if it counted changes beyond the first, which was written. */
    private void summarise(Key key, Window open) {
        if (open.unwritten > 0) {
            log.info(
                    "printer {} of store {} changed status {} times in the last {} s; now: {}",
                    LogSafe.text(key.printer()),
                    key.storeId(),
                    open.unwritten + 1,
                    window.toSeconds(),
                    open.latest);
        }
    }
}
