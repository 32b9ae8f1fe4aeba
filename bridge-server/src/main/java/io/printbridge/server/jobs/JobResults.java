package io.printbridge.server.jobs;

import io.printbridge.proto.v1.ClockInfo;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.FailureCode;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a job ends: from the agent's result, or, without one, from the clock. Pure functions of the
 * job as it was and what happened, so every place that ends a job (a stream matching a result,
 * the sweep, the pump finding a job expired) ends it the same way.
 */
public final class JobResults {

    private JobResults() {}

    /**
     * {@code job} as the agent's {@code result} leaves it.
     *
     * @param agentOpensDrawer whether the agent that answered opens the drawer after a print as its
     *     own action (contract revision 2); an older one is never asked, and its receipts say so
     */
    public static Job applyResult(Job job, CommandResult result, Instant now, boolean agentOpensDrawer) {
        DrawerOutcome drawer = drawerOutcome(job, result, agentOpensDrawer);
        Job withStatus = job.withOutcome(
                        result.getSucceeded().getBytesWritten(),
                        result.hasPrinterStatus() ? result.getPrinterStatus() : null)
                .withDrawer(drawer);
        String drawerNote = drawer == null ? "" : "; " + drawer.describe();
        if (result.hasSucceeded()) {
            return withStatus.to(
                    JobState.DONE,
                    now,
                    (result.getReplayed() ? "done (the agent's journal recalled it)" : "done")
                            + drawerNote
                            + clockNote(job, result));
        }
        FailureCode code = result.getFailed().getCode();
        String message = result.getFailed().getMessage();
        JobError error = new JobError(errorCode(code), message);
        JobState state = switch (code) {
            case FAILURE_CODE_EXPIRED -> JobState.EXPIRED;
            case FAILURE_CODE_INTERRUPTED, FAILURE_CODE_IO_ERROR -> JobState.UNCERTAIN;
            default -> JobState.FAILED;
        };
        return withStatus.to(state, now, message + drawerNote).withError(error);
    }

    /** What a clock job found, for its history: the clock's info, and for a clear how many records went. */
    private static String clockNote(Job job, CommandResult result) {
        if (!job.type().forClock() || !result.hasClockInfo()) {
            return "";
        }
        ClockInfo info = result.getClockInfo();
        String cleared = job.type() == JobType.ATTENDANCE_CLEAR
                ? "; " + result.getRecordsCleared() + " records cleared, every one stored first"
                : "";
        return cleared + "; clock " + info.getSerialNumber() + " (" + info.getDeviceName() + ", firmware "
                + info.getFirmwareVersion() + ") at " + info.getClockTime() + ", " + info.getRecordCount() + " of "
                + info.getRecordCapacity() + " records, " + info.getUserCount() + " of " + info.getUserCapacity()
                + " users";
    }

    /** A waiting job whose time to live ran out: it will never be sent (nor its drawer opened). */
    public static Job expiredWhileWaiting(Job waiting, Instant now) {
        return withDrawerIfAsked(
                waiting.to(JobState.EXPIRED, now, "its time to live ran out before the store's agent could take it")
                        .withError(new JobError(
                                "EXPIRED", "not delivered within its time to live; it will never be executed")),
                DrawerOutcome.NOT_OPENED);
    }

    /**
     * A job that went down a stream and has no result past its time to live and the grace:
     * UNCERTAIN. Without an acknowledgement the agent may still have run it: a quick command is
     * answered by its result alone, and a result lost with its stream leaves no trace on the
     * server (the fault proof found drawers reported EXPIRED that had opened). Only the agent's
     * journal can tell, and the agent did not come back within the grace to be asked.
     */
    public static Job endedWithoutResult(Job sent, Instant now) {
        String reason = sent.acknowledged()
                ? "the agent took it but never reported"
                : "sent to the agent, which has not answered since: it may have run it before its connection ended";
        String message = sent.acknowledged()
                ? "the agent received the job but never reported; it may or may not have been executed"
                : "the job was sent to the agent, whose connection ended before any answer, and the agent did not"
                        + " come back within the grace to say; it may or may not have been executed";
        return withDrawerIfAsked(
                sent.to(JobState.UNCERTAIN, now, reason).withError(new JobError("NO_RESULT", message)),
                DrawerOutcome.UNKNOWN);
    }

    /** The contract's failure code without its prefix: FAILURE_CODE_PAPER_OUT becomes PAPER_OUT. */
    static String errorCode(FailureCode code) {
        String name = code == FailureCode.UNRECOGNIZED ? "FAILURE_CODE_UNKNOWN" : code.name();
        return name.substring("FAILURE_CODE_".length());
    }

    private static Job withDrawerIfAsked(Job job, DrawerOutcome outcome) {
        return job.drawerDeadline() != null && job.drawer() == null ? job.withDrawer(outcome) : job;
    }

    /**
     * The drawer's fate after a print that asked for it: as the agent reported it, else as far as
     * the server can tell (a print that failed never pulses; one that may have run is unknown).
     */
    private static @Nullable DrawerOutcome drawerOutcome(Job job, CommandResult result, boolean agentOpensDrawer) {
        Instant deadline = job.drawerDeadline();
        if (deadline == null) {
            return null;
        }
        DrawerOutcome reported = DrawerOutcome.of(result.getDrawer());
        if (reported != null) {
            return reported;
        }
        if (!agentOpensDrawer) {
            return result.hasSucceeded() ? DrawerOutcome.UNSUPPORTED : DrawerOutcome.NOT_OPENED;
        }
        if (result.hasSucceeded()) {
            // The pulse is left out of a command sent after its deadline (CommandFactory).
            Instant sentAt = job.sentAt();
            return sentAt != null && !sentAt.isBefore(deadline) ? DrawerOutcome.EXPIRED : DrawerOutcome.UNKNOWN;
        }
        return switch (result.getFailed().getCode()) {
            case FAILURE_CODE_INTERRUPTED, FAILURE_CODE_IO_ERROR -> DrawerOutcome.UNKNOWN;
            default -> DrawerOutcome.NOT_OPENED;
        };
    }
}
