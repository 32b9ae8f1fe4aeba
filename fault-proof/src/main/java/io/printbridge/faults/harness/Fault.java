package io.printbridge.faults.harness;

import java.time.Duration;

/**
 * One planned fault: when in the run it begins, what it is, which store (or printer) it hits and
 * how long it lasts.
 *
 * @param store index of the store it hits; unused by the faults of the server and the database
 * @param printer for a printer fault, {@code receipt} or {@code kitchen}
 */
record Fault(Duration at, Kind kind, int store, String printer, Duration lasts) {

    /** The kinds of fault, with the span of how long each lasts. */
    enum Kind {
        AGENT_KILL(Scope.STORE, 500, 4_000),
        SERVER_KILL(Scope.SERVER, 1_000, 5_000),
        SERVER_TERM(Scope.SERVER, 500, 3_000),
        SERVER_PAUSE(Scope.SERVER, 2_000, 12_000),
        DATABASE_RESTART(Scope.SERVER, 0, 0),
        LINK_CUT(Scope.STORE, 0, 0),
        LINK_STALL(Scope.STORE, 2_000, 15_000),
        LINK_BLACK_HOLE(Scope.STORE, 3_000, 20_000),
        PAPER_OUT(Scope.PRINTER, 2_000, 10_000),
        COVER_OPEN(Scope.PRINTER, 2_000, 8_000),
        PRINTER_OFFLINE(Scope.PRINTER, 2_000, 10_000),
        PRINTER_MUTE(Scope.PRINTER, 2_000, 10_000),
        DISK_FULL(Scope.STORE, 2_000, 10_000);

        final Scope scope;
        final int minMillis;
        final int maxMillis;

        Kind(Scope scope, int minMillis, int maxMillis) {
            this.scope = scope;
            this.minMillis = minMillis;
            this.maxMillis = maxMillis;
        }
    }

    /** What a fault hits: the whole fleet's server side, one store's agent or line, one printer. */
    enum Scope {
        SERVER,
        STORE,
        PRINTER
    }

    String describe(java.util.List<String> stores) {
        return switch (kind.scope) {
            case SERVER -> kind + " for " + lasts.toMillis() + " ms";
            case STORE -> kind + " of " + stores.get(store) + " for " + lasts.toMillis() + " ms";
            case PRINTER -> kind + " of " + stores.get(store) + "/" + printer + " for " + lasts.toMillis() + " ms";
        };
    }
}
