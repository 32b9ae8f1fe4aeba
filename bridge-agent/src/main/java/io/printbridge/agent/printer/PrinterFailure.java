package io.printbridge.agent.printer;

/**
 * Why a printer could not do what it was asked. Each reason maps to one failure code of the
 * contract, so the ERP user reads "paper out at shop X", not silence.
 */
public final class PrinterFailure extends Exception {

    public enum Reason {
        PAPER_OUT,
        COVER_OPEN,
        OFFLINE,
        PRINTER_ERROR,
        /** A write failed part-way: what reached the paper is unknown. */
        IO_ERROR,
        INVALID_ARGUMENT,
        NO_DRAWER,
        /** The deadline passed before the action could reach the printer: nothing was sent. */
        LATE
    }

    private final Reason reason;

    public PrinterFailure(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public PrinterFailure(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
