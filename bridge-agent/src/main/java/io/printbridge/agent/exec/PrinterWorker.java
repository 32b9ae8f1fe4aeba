package io.printbridge.agent.exec;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterStatus;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that talks to one printer. Jobs and status polls queue here, so a status
 * query never lands in the middle of a receipt and two jobs never interleave on paper.
 * Reports each status change to its listener as soon as it is seen.
 */
public final class PrinterWorker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PrinterWorker.class);

    private final EscPosPrinter printer;
    private final ExecutorService thread;
    private final BiConsumer<String, PrinterStatus> statusListener;
    private @Nullable PrinterStatus lastStatus;
    private @Nullable ScheduledFuture<?> polling;
    /**
     * At most one poll waits on the printer's thread: a slow or silent printer takes seconds per
     * poll, and a poll queued every interval regardless would pile up ahead of real jobs.
     */
    private final AtomicBoolean pollPending = new AtomicBoolean();

    public PrinterWorker(EscPosPrinter printer, BiConsumer<String, PrinterStatus> statusListener) {
        this.printer = requireNonNull(printer, "printer");
        this.statusListener = requireNonNull(statusListener, "statusListener");
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "printer-" + printer.name());
            t.setDaemon(true);
            return t;
        });
    }

    public EscPosPrinter printer() {
        return printer;
    }

    /** Runs {@code work} on this printer's thread, after what is already queued. */
    public <T> Future<T> submit(Callable<T> work) {
        return thread.submit(work);
    }

    /** Reads status on the printer's thread, reports it if it changed, and returns it. */
    public PrinterStatus refreshStatus() {
        PrinterStatus status = printer.status();
        PrinterStatus previous;
        synchronized (this) {
            previous = lastStatus;
            lastStatus = status;
        }
        if (previous == null || !previous.sameConditionsAs(status)) {
            if (previous != null) {
                log.info("printer {}: {} (was {})", printer.name(), status.detail(), previous.detail());
            }
            statusListener.accept(printer.name(), status);
        }
        return status;
    }

    public synchronized @Nullable PrinterStatus lastStatus() {
        return lastStatus;
    }

    /** Polls status every {@code interval} on the printer's thread until closed. */
    public synchronized void startPolling(ScheduledExecutorService scheduler, Duration interval) {
        if (polling == null && printer.canReadStatus()) {
            polling = scheduler.scheduleWithFixedDelay(
                    this::queuePoll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void queuePoll() {
        if (pollPending.compareAndSet(false, true)) {
            try {
                thread.execute(this::refreshStatusQuietly);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                pollPending.set(false); // shutting down
            }
        }
    }

    private void refreshStatusQuietly() {
        pollPending.set(false);
        try {
            refreshStatus();
        } catch (RuntimeException e) {
            log.warn("printer {}: status poll failed", printer.name(), e);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (polling != null) {
                polling.cancel(false);
            }
        }
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow();
        printer.close();
    }
}
