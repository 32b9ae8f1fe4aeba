package io.printbridge.server.jobs;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.DrawerAfterPrint;
import io.printbridge.proto.v1.OpenDrawer;
import io.printbridge.proto.v1.PrintBytes;
import io.printbridge.proto.v1.QueryStatus;
import java.time.Duration;
import java.time.Instant;

/** Turns a job into the command the agent executes. */
public final class CommandFactory {

    private CommandFactory() {}

    /**
     * @param agentOpensDrawer whether the agent opens the drawer after a print as its own action
     *     (contract revision 2); an older one is never asked, it would ignore the request silently
     */
    public static Command toCommand(Job job, Instant now, boolean agentOpensDrawer) {
        Command.Builder command = Command.newBuilder()
                .setId(job.id())
                .setPrinter(job.printer())
                .setTimeToLive(ProtoDurations.of(timeLeft(now, job.expiresAt())))
                .setSentAt(ProtoTimestamps.of(now));
        // Java 17: no pattern switch yet, so an if-chain over the sealed payload types.
        JobPayload payload = job.payload();
        if (payload instanceof JobPayload.Print print) {
            PrintBytes.Builder bytes = PrintBytes.newBuilder()
                    .setData(ByteString.copyFrom(print.data()))
                    // Never start a receipt the printer cannot finish: no half receipts.
                    .setRequireReady(true);
            Instant drawerDeadline = print.drawerDeadline();
            // Past its deadline the pulse is left out: the receipt prints, the drawer stays shut.
            if (drawerDeadline != null && agentOpensDrawer && now.isBefore(drawerDeadline)) {
                bytes.setOpenDrawerAfter(
                        DrawerAfterPrint.newBuilder().setTimeToLive(ProtoDurations.of(timeLeft(now, drawerDeadline))));
            }
            command.setPrint(bytes);
        } else if (payload instanceof JobPayload.Drawer drawer) {
            command.setOpenDrawer(OpenDrawer.newBuilder().setPin(drawer.pin()).setPulseMs(drawer.pulseMs()));
        } else if (payload instanceof JobPayload.Status) {
            command.setQueryStatus(QueryStatus.getDefaultInstance());
        } else if (payload instanceof JobPayload.ClockAction clock) {
            // The device name is the clock's; an agent older than revision 4 answers UNSUPPORTED.
            try {
                command.mergeFrom(clock.action()).setPrinter("").setClock(job.printer());
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException(
                        "job " + job.id() + ": its clock action is not a Command: " + e.getMessage(), e);
            }
        } else {
            throw new IllegalStateException("job " + job.id() + " was stored without being rendered: " + payload);
        }
        return command.build();
    }

    private static Duration timeLeft(Instant now, Instant deadline) {
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }
}
