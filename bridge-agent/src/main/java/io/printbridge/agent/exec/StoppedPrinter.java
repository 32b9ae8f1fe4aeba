package io.printbridge.agent.exec;

import io.printbridge.agent.printer.PrinterStatus;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.DrawerOutcome;
import io.printbridge.proto.v1.FailureCode;

/**
 * What a command that reached the printer becomes when the status read right after it finds the
 * printer stopped (offline, out of paper, cover open). The status read before it said ready, so
 * the printer stopped while the bytes were on their way or being printed: a receipt may be cut
 * short, a buffered pulse may be dropped or held to run when the printer comes back. Reporting it
 * done would be a lie the till cannot see; the outcome is unknown and the result says so (found by
 * the fault proof: a printer taken offline between the drawer's status check and its pulse was
 * reported OPENED, and the pulse never reached the drawer).
 */
final class StoppedPrinter {

    private StoppedPrinter() {}

    static boolean stopped(PrinterStatus after) {
        return after.state() == PrinterStatus.State.OFFLINE || after.state() == PrinterStatus.State.NOT_READY;
    }

    /**
     * The succeeded {@code result} of a print or a drawer pulse, as an unknown outcome: failed
     * with {@link FailureCode#FAILURE_CODE_IO_ERROR} (the server makes the job UNCERTAIN, never
     * runs it again by itself), and a drawer reported opened after the receipt as unknown.
     */
    static CommandResult outcomeUnknown(
            CommandResult.Builder result, Command.ActionCase action, String printer, PrinterStatus after) {
        boolean drawerJob = action == Command.ActionCase.OPEN_DRAWER;
        String what = drawerJob ? "the drawer pulse" : "the receipt";
        String message = "printer " + printer + " stopped as " + what + " reached it (" + after.detail()
                + "): whether it " + (drawerJob ? "opened the drawer" : "printed whole") + " is unknown; "
                + (drawerJob ? "check the drawer" : "check the paper");
        result.setFailed(CommandFailed.newBuilder()
                .setCode(FailureCode.FAILURE_CODE_IO_ERROR)
                .setMessage(message));
        if (result.getDrawer() == DrawerOutcome.DRAWER_OUTCOME_OPENED) {
            result.setDrawer(DrawerOutcome.DRAWER_OUTCOME_UNKNOWN)
                    .setDrawerDetail("printer " + printer + " stopped as the pulse reached it (" + after.detail()
                            + "): whether the drawer opened is unknown");
        }
        return result.build();
    }
}
