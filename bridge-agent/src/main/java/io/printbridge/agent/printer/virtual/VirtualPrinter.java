package io.printbridge.agent.printer.virtual;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An ESC/POS receipt printer in software: it keeps what it is sent, answers the real-time
 * {@code DLE EOT n} status queries with the bits a real printer would, pulses its drawer on
 * {@code ESC p} and {@code DLE DC4 1}, and can be told to be out of paper, cover open, drawer
 * open, offline, slow, or mute (never answering status).
 *
 * <p>Real-time commands are recognised between commands only: the parser skips the payload of
 * the commands that carry binary data (rasters, QR, bit images), where 0x10 0x04 is a pixel
 * pattern and not a query. Thread-safe; the host side writes, tests and the TCP front end read.
 */
public final class VirtualPrinter {

    /** A drawer pulse the printer executed. */
    public record DrawerKick(int pin, Duration on) {}

    /**
     * Told of each drawer pulse as the printer executes it, with how many bytes it had printed
     * before it: a recorder can then tell which receipt the pulse followed. Called under the
     * printer's lock, so it must be quick and must not call back into the printer.
     */
    public interface DrawerListener {
        void kicked(DrawerKick kick, int printedBefore);
    }

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final List<DrawerKick> drawerKicks = new ArrayList<>();
    private final BlockingQueue<Integer> replies = new LinkedBlockingQueue<>();
    private final EscPosStreamParser parser = new EscPosStreamParser(new Handler());

    private boolean paperOut;
    private boolean paperNearEnd;
    private boolean coverOpen;
    private boolean drawerOpen;
    private boolean offline;
    private boolean mute;
    private Duration delayPerWrite = Duration.ZERO;
    private int statusQueries;
    private DrawerListener drawerListener = (kick, printedBefore) -> {};

    /** Feeds bytes from the host, as the printer's input buffer would receive them. */
    public void receive(byte[] data, int offset, int length) {
        Duration delay;
        synchronized (this) {
            delay = delayPerWrite;
        }
        if (!delay.isZero()) {
            sleep(delay);
        }
        synchronized (this) {
            for (int i = offset; i < offset + length; i++) {
                parser.accept(data[i]);
            }
            notifyAll();
        }
    }

    public void receive(byte[] data) {
        receive(data, 0, data.length);
    }

    /** Next byte the printer sends back, or -1 when none comes within {@code timeout}. */
    public int nextReply(Duration timeout) throws InterruptedException {
        Integer reply = replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return reply == null ? -1 : reply;
    }

    public void discardReplies() {
        replies.clear();
    }

    // ------------------------------------------------------------------ what happened

    /** Everything printed so far: the bytes received, minus real-time commands. */
    public synchronized byte[] printed() {
        return printed.toByteArray();
    }

    /** How many bytes {@link #printed()} holds, without copying them. */
    public synchronized int printedLength() {
        return printed.size();
    }

    public synchronized List<DrawerKick> drawerKicks() {
        return List.copyOf(drawerKicks);
    }

    public synchronized int statusQueries() {
        return statusQueries;
    }

    /** Waits until at least {@code count} bytes were printed; true if they were in time. */
    public synchronized boolean awaitPrinted(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (printed.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    public synchronized void clear() {
        printed.reset();
        drawerKicks.clear();
        statusQueries = 0;
    }

    /** Replaces the listener told of each drawer pulse (none by default). */
    public synchronized VirtualPrinter onDrawerKick(DrawerListener listener) {
        drawerListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    // ------------------------------------------------------------------ faults

    public synchronized VirtualPrinter paperOut(boolean value) {
        paperOut = value;
        return this;
    }

    public synchronized VirtualPrinter paperNearEnd(boolean value) {
        paperNearEnd = value;
        return this;
    }

    public synchronized VirtualPrinter coverOpen(boolean value) {
        coverOpen = value;
        return this;
    }

    public synchronized VirtualPrinter drawerOpen(boolean value) {
        drawerOpen = value;
        return this;
    }

    /** Reports itself offline (DLE EOT 1 bit 3) and prints nothing. */
    public synchronized VirtualPrinter offline(boolean value) {
        offline = value;
        return this;
    }

    /** Never answers status queries, like some clones and printers behind a dead cable. */
    public synchronized VirtualPrinter mute(boolean value) {
        mute = value;
        return this;
    }

    /** Takes this long to accept each write: a slow or busy printer. */
    public synchronized VirtualPrinter delayPerWrite(Duration value) {
        delayPerWrite = value;
        return this;
    }

    // ------------------------------------------------------------------ status bytes

    /** The DLE EOT n answer, built from the ESC/POS reference bit by bit. */
    synchronized int statusByte(int n) {
        int base = 0b0001_0010; // bits 1 and 4 are always set, 0 and 7 always clear
        return switch (n) {
            case 1 -> base | (drawerOpen ? 1 << 2 : 0) | (offline || paperOut || coverOpen ? 1 << 3 : 0);
            case 2 -> base | (coverOpen ? 1 << 2 : 0) | (paperOut ? 1 << 5 : 0);
            case 3 -> base;
            case 4 -> base | (paperNearEnd || paperOut ? 0b0000_1100 : 0) | (paperOut ? 0b0110_0000 : 0);
            default -> throw new IllegalArgumentException("DLE EOT n: " + n + " (expected: 1 to 4)");
        };
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Called by the parser under this printer's lock. */
    private final class Handler implements EscPosStreamParser.Handler {
        @Override
        public void printable(byte b) {
            if (!offline && !paperOut && !coverOpen) {
                printed.write(b);
            }
        }

        @Override
        public void statusQuery(int n) {
            statusQueries++;
            if (!mute && n >= 1 && n <= 4) {
                replies.add(statusByte(n));
            }
        }

        @Override
        public void drawerPulse(int pin, Duration on) {
            if (!offline) {
                DrawerKick kick = new DrawerKick(pin, on);
                drawerKicks.add(kick);
                drawerListener.kicked(kick, printed.size());
            }
        }
    }
}
