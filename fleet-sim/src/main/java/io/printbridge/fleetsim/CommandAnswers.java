package io.printbridge.fleetsim;

import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandAck;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.DrawerOutcome;
import io.printbridge.proto.v1.FailureCode;
import java.time.Instant;

/**
 * What a simulated agent answers a command, at once: what the real agent's executor answers when
 * its virtual printer is ready (bridge-agent's {@code CommandExecutor}). A print succeeds with its
 * byte count (and the drawer pulse it asked for, opened); a drawer pulse and a status query succeed;
 * all with the printer's status right after. An action this revision does not know fails
 * UNSUPPORTED, as the contract asks.
 */
final class CommandAnswers {

    private CommandAnswers() {}

    static CommandAck ack(Command command) {
        return CommandAck.newBuilder().setCommandId(command.getId()).build();
    }

    static CommandResult result(Command command) {
        CommandResult.Builder result = CommandResult.newBuilder().setCommandId(command.getId());
        switch (command.getActionCase()) {
            case PRINT -> {
                result.setSucceeded(CommandSucceeded.newBuilder()
                        .setBytesWritten(command.getPrint().getData().size()));
                if (command.getPrint().hasOpenDrawerAfter()) {
                    result.setDrawer(DrawerOutcome.DRAWER_OUTCOME_OPENED);
                }
            }
            case OPEN_DRAWER, QUERY_STATUS -> result.setSucceeded(CommandSucceeded.getDefaultInstance());
            case ACTION_NOT_SET -> {
                return result.setFailed(CommandFailed.newBuilder()
                                .setCode(FailureCode.FAILURE_CODE_UNSUPPORTED)
                                .setMessage("this agent does not know the command's action (it is older than the"
                                        + " server)"))
                        .build();
            }
        }
        return result.setPrinterStatus(VirtualReceipt.status(Instant.now())).build();
    }
}
