package io.printbridge.agent.exec;

import com.google.protobuf.Timestamp;
import io.printbridge.agent.printer.PrinterFailure;
import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.proto.v1.DrawerState;
import io.printbridge.proto.v1.FailureCode;
import io.printbridge.proto.v1.PrinterState;

/** Translates the agent's printer vocabulary into the contract's messages, in one place. */
public final class StatusMessages {

    private StatusMessages() {}

    public static io.printbridge.proto.v1.PrinterStatus toProto(PrinterStatus status) {
        return io.printbridge.proto.v1.PrinterStatus.newBuilder()
                .setState(
                        switch (status.state()) {
                            case READY -> PrinterState.PRINTER_STATE_READY;
                            case NOT_READY -> PrinterState.PRINTER_STATE_NOT_READY;
                            case OFFLINE -> PrinterState.PRINTER_STATE_OFFLINE;
                            case UNKNOWN -> PrinterState.PRINTER_STATE_UNKNOWN;
                        })
                .setCoverOpen(status.coverOpen())
                .setPaperNearEnd(status.paperNearEnd())
                .setPaperEnd(status.paperEnd())
                .setDrawer(
                        switch (status.drawer()) {
                            case OPEN -> DrawerState.DRAWER_STATE_OPEN;
                            case CLOSED -> DrawerState.DRAWER_STATE_CLOSED;
                            case UNKNOWN -> DrawerState.DRAWER_STATE_UNKNOWN;
                        })
                .setRecoverableError(status.recoverableError())
                .setUnrecoverableError(status.unrecoverableError())
                .setAutoCutterError(status.autoCutterError())
                .setDetail(status.detail())
                .setObservedAt(Timestamp.newBuilder()
                        .setSeconds(status.observedAt().getEpochSecond())
                        .setNanos(status.observedAt().getNano()))
                .build();
    }

    public static FailureCode toProto(PrinterFailure.Reason reason) {
        return switch (reason) {
            case PAPER_OUT -> FailureCode.FAILURE_CODE_PAPER_OUT;
            case COVER_OPEN -> FailureCode.FAILURE_CODE_COVER_OPEN;
            case OFFLINE -> FailureCode.FAILURE_CODE_PRINTER_OFFLINE;
            case PRINTER_ERROR -> FailureCode.FAILURE_CODE_PRINTER_ERROR;
            case IO_ERROR -> FailureCode.FAILURE_CODE_IO_ERROR;
            case INVALID_ARGUMENT -> FailureCode.FAILURE_CODE_INVALID_ARGUMENT;
            case NO_DRAWER -> FailureCode.FAILURE_CODE_NO_DRAWER;
            case LATE -> FailureCode.FAILURE_CODE_EXPIRED;
        };
    }
}
