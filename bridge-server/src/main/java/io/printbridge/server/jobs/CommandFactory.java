package io.printbridge.server.jobs;

import io.printbridge.proto.ProtoDurations;
import com.google.protobuf.ByteString;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.OpenDrawer;
import io.printbridge.proto.v1.PrintBytes;
import io.printbridge.proto.v1.QueryStatus;
import java.time.Duration;
import java.time.Instant;

/** Turns a job into the command the agent executes. */
final class CommandFactory {

    private CommandFactory() {}

    static Command toCommand(Job job, Instant now) {
        Duration left = Duration.between(now, job.expiresAt());
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        Command.Builder command = Command.newBuilder()
                .setId(job.id())
                .setPrinter(job.printer())
                .setTimeToLive(ProtoDurations.of(left));
        // Java 17: no pattern switch yet, so an if-chain over the sealed payload types.
        JobPayload payload = job.payload();
        if (payload instanceof JobPayload.Print print) {
            command.setPrint(PrintBytes.newBuilder()
                    .setData(ByteString.copyFrom(print.data()))
                    // Never start a receipt the printer cannot finish: no half receipts.
                    .setRequireReady(true));
        } else if (payload instanceof JobPayload.Drawer drawer) {
            command.setOpenDrawer(OpenDrawer.newBuilder().setPin(drawer.pin()).setPulseMs(drawer.pulseMs()));
        } else if (payload instanceof JobPayload.Status) {
            command.setQueryStatus(QueryStatus.getDefaultInstance());
        } else {
            throw new IllegalStateException("job " + job.id() + " was stored without being rendered: " + payload);
        }
        return command.build();
    }
}
