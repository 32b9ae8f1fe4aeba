package io.printbridge.server.dashboard;

/**
 * Something on the fleet that needs a person: shown on the fleet page and counted in its tab
 * title.
 *
 * @param detail the message's argument (a printer name, a number of days…), text to escape
 */
record Alert(String storeId, Kind kind, String detail) {

    enum Kind {
        /** Offline longer than {@code bridge.dashboard.offline-alert}; detail: since when (ISO). */
        OFFLINE,
        /** A printer out of paper; detail: the printer. */
        PAPER_OUT,
        /** A printer's cover open; detail: the printer. */
        COVER_OPEN,
        /** The certificate expires within 14 days or has expired; detail: the summary. */
        CERTIFICATE,
        /** Too many failed jobs in the last 24 h; detail: the percentage. */
        FAILURES,
        /** Two PCs used the store's certificate; detail: how often. */
        CONFLICT,
        /** The store was revoked; detail: when. */
        REVOKED
    }
}
