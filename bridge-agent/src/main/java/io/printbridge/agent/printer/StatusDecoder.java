package io.printbridge.agent.printer;

import io.printbridge.agent.printer.PrinterStatus.Drawer;
import io.printbridge.agent.printer.PrinterStatus.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the four {@code DLE EOT n} status bytes per the ESC/POS reference. Every reply has
 * bits 1 and 4 set and bits 0 and 7 clear; a byte that does not is not a status reply (a late
 * answer to something else, line noise) and makes the status UNKNOWN rather than wrong.
 */
public final class StatusDecoder {

    /** Bits that identify a DLE EOT reply: 0xx1 xx10. */
    private static final int FIXED_MASK = 0b1001_0011;

    private static final int FIXED_VALUE = 0b0001_0010;

    // n=1, printer status
    private static final int DRAWER_PIN3_HIGH = 1 << 2;
    private static final int OFFLINE = 1 << 3;
    // n=2, offline cause
    private static final int COVER_OPEN = 1 << 2;
    private static final int PAPER_END_STOP = 1 << 5;
    private static final int ERROR_OCCURRED = 1 << 6;
    // n=3, error cause
    private static final int RECOVERABLE_ERROR = 1 << 2;
    private static final int AUTO_CUTTER_ERROR = 1 << 3;
    private static final int UNRECOVERABLE_ERROR = 1 << 5;
    private static final int AUTO_RECOVERABLE_ERROR = 1 << 6;
    // n=4, roll paper sensor: two bits each
    private static final int PAPER_NEAR_END = 0b0000_1100;
    private static final int PAPER_END = 0b0110_0000;

    private StatusDecoder() {}

    /** True when {@code reply} has the fixed bits of a DLE EOT answer. */
    public static boolean isStatusByte(int reply) {
        return (reply & FIXED_MASK) == FIXED_VALUE;
    }

    /**
     * @param replies the answers to DLE EOT 1, 2, 3 and 4, in that order
     * @param drawerOpenWhenHigh how this shop's drawer wires its sensor to pin 3
     */
    public static PrinterStatus decode(byte[] replies, boolean drawerOpenWhenHigh, Instant observedAt) {
        if (replies.length != 4) {
            throw new IllegalArgumentException(
                    "replies: " + replies.length + " bytes (expected: 4, one per DLE EOT 1..4)");
        }
        for (int i = 0; i < 4; i++) {
            if (!isStatusByte(replies[i] & 0xFF)) {
                return PrinterStatus.unknown(
                        String.format("garbled answer 0x%02X to DLE EOT %d", replies[i] & 0xFF, i + 1), observedAt);
            }
        }
        int printer = replies[0] & 0xFF;
        int offlineCause = replies[1] & 0xFF;
        int errorCause = replies[2] & 0xFF;
        int paper = replies[3] & 0xFF;

        boolean offline = (printer & OFFLINE) != 0;
        boolean coverOpen = (offlineCause & COVER_OPEN) != 0;
        boolean paperEnd = (offlineCause & PAPER_END_STOP) != 0 || (paper & PAPER_END) == PAPER_END;
        boolean paperNearEnd = (paper & PAPER_NEAR_END) == PAPER_NEAR_END;
        boolean recoverable = (errorCause & (RECOVERABLE_ERROR | AUTO_RECOVERABLE_ERROR)) != 0;
        boolean unrecoverable = (errorCause & UNRECOVERABLE_ERROR) != 0;
        boolean cutter = (errorCause & AUTO_CUTTER_ERROR) != 0;
        boolean error = (offlineCause & ERROR_OCCURRED) != 0 || recoverable || unrecoverable || cutter;
        boolean pinHigh = (printer & DRAWER_PIN3_HIGH) != 0;
        Drawer drawer = pinHigh == drawerOpenWhenHigh ? Drawer.OPEN : Drawer.CLOSED;

        State state;
        if (coverOpen || paperEnd || error) {
            state = State.NOT_READY;
        } else if (offline) {
            state = State.OFFLINE;
        } else {
            state = State.READY;
        }
        return new PrinterStatus(
                state,
                coverOpen,
                paperNearEnd,
                paperEnd,
                drawer,
                recoverable,
                unrecoverable,
                cutter,
                describe(state, coverOpen, paperEnd, paperNearEnd, recoverable, unrecoverable, cutter, offline),
                observedAt);
    }

    private static String describe(
            State state,
            boolean coverOpen,
            boolean paperEnd,
            boolean paperNearEnd,
            boolean recoverable,
            boolean unrecoverable,
            boolean cutter,
            boolean offline) {
        List<String> parts = new ArrayList<>();
        if (paperEnd) parts.add("paper out");
        if (coverOpen) parts.add("cover open");
        if (cutter) parts.add("auto-cutter error");
        if (unrecoverable) parts.add("unrecoverable error");
        if (recoverable) parts.add("recoverable error");
        if (offline && parts.isEmpty()) parts.add("offline");
        if (paperNearEnd) parts.add("paper near end");
        return parts.isEmpty()
                ? (state == State.READY ? "ready" : state.name().toLowerCase())
                : String.join(", ", parts);
    }
}
