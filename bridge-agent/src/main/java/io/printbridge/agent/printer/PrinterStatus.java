package io.printbridge.agent.printer;

import java.time.Instant;

/**
 * What the agent knows about a printer at one moment, decoded from its {@code DLE EOT}
 * replies (or UNKNOWN where it cannot tell).
 */
public record PrinterStatus(
        State state,
        boolean coverOpen,
        boolean paperNearEnd,
        boolean paperEnd,
        Drawer drawer,
        boolean recoverableError,
        boolean unrecoverableError,
        boolean autoCutterError,
        String detail,
        Instant observedAt) {

    public enum State {
        /** Online, paper in, cover closed, no error. */
        READY,
        /** Answers, but cannot print now: see the flags. */
        NOT_READY,
        /** Reports itself offline, or cannot be reached. */
        OFFLINE,
        /** Cannot tell: no answer in time, a garbled answer, or a transport that cannot read status. */
        UNKNOWN
    }

    public enum Drawer {
        CLOSED,
        OPEN,
        UNKNOWN
    }

    public static PrinterStatus unknown(String detail, Instant at) {
        return new PrinterStatus(State.UNKNOWN, false, false, false, Drawer.UNKNOWN, false, false, false, detail, at);
    }

    public static PrinterStatus offline(String detail, Instant at) {
        return new PrinterStatus(State.OFFLINE, false, false, false, Drawer.UNKNOWN, false, false, false, detail, at);
    }

    /** True when the same conditions hold (ignoring when they were observed). */
    public boolean sameConditionsAs(PrinterStatus other) {
        return state == other.state
                && coverOpen == other.coverOpen
                && paperNearEnd == other.paperNearEnd
                && paperEnd == other.paperEnd
                && drawer == other.drawer
                && recoverableError == other.recoverableError
                && unrecoverableError == other.unrecoverableError
                && autoCutterError == other.autoCutterError
                && detail.equals(other.detail);
    }
}
