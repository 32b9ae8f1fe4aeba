package io.printbridge.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandFailed;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import io.printbridge.proto.v1.FailureCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The server's half of the drawer after a print: what goes into the command for which agent, and
 * what the job says became of the drawer when the agent did not (or could not) say.
 */
class DrawerAfterPrintTest {

    private static final Instant CREATED = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void commandCarriesThePulseWithWhatIsLeftOfTheDrawersTimeToLive() {
        Command command = CommandFactory.toCommand(sent(sale(), CREATED.plusSeconds(5)), CREATED.plusSeconds(5), true);

        assertThat(command.getPrint().hasOpenDrawerAfter()).isTrue();
        assertThat(ProtoDurations.toJava(command.getPrint().getOpenDrawerAfter().getTimeToLive()))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(command.getSentAt().getSeconds())
                .isEqualTo(CREATED.plusSeconds(5).getEpochSecond());
    }

    @Test
    void commandSentAfterTheDrawersDeadlineLeavesThePulseOutAndTheJobSaysExpired() {
        Instant late = CREATED.plusSeconds(3600);
        Job sent = sent(sale(), late);

        Command command = CommandFactory.toCommand(sent, late, true);
        Job done = JobResults.applyResult(sent, succeeded(), late.plusSeconds(1), true);

        assertThat(command.getPrint().hasOpenDrawerAfter()).isFalse();
        assertThat(done.drawer()).isEqualTo(DrawerOutcome.EXPIRED);
    }

    @Test
    void anAgentOlderThanTheDrawerActionIsNeverAskedAndTheJobSaysUnsupported() {
        Job sent = sent(sale(), CREATED.plusSeconds(1));

        Command command = CommandFactory.toCommand(sent, CREATED.plusSeconds(1), false);
        Job done = JobResults.applyResult(sent, succeeded(), CREATED.plusSeconds(2), false);

        assertThat(command.getPrint().hasOpenDrawerAfter()).isFalse();
        assertThat(done.drawer()).isEqualTo(DrawerOutcome.UNSUPPORTED);
        assertThat(done.lastTransition().reason()).contains("too old to open it after a receipt");
    }

    @Test
    void theAgentsReportIsTakenAsItIs() {
        Job sent = sent(sale(), CREATED.plusSeconds(1));
        CommandResult result = succeeded().toBuilder()
                .setDrawer(io.printbridge.proto.v1.DrawerOutcome.DRAWER_OUTCOME_NO_DRAWER)
                .build();

        assertThat(JobResults.applyResult(sent, result, CREATED.plusSeconds(2), true)
                        .drawer())
                .isEqualTo(DrawerOutcome.NO_DRAWER);
    }

    @Test
    void aPrintThatFailedNeverOpenedTheDrawerAndOneThatMayHaveRunIsUnknown() {
        Job sent = sent(sale(), CREATED.plusSeconds(1));

        assertThat(JobResults.applyResult(
                                sent, failed(FailureCode.FAILURE_CODE_PAPER_OUT), CREATED.plusSeconds(2), true)
                        .drawer())
                .isEqualTo(DrawerOutcome.NOT_OPENED);
        assertThat(JobResults.applyResult(
                                sent, failed(FailureCode.FAILURE_CODE_INTERRUPTED), CREATED.plusSeconds(2), true)
                        .drawer())
                .isEqualTo(DrawerOutcome.UNKNOWN);
    }

    @Test
    void aPrinterFoundStoppedAsThePulseReachedItMakesTheJobUncertainAndTheDrawerUnknown() {
        Job sent = sent(sale(), CREATED.plusSeconds(1));
        CommandResult result = failed(FailureCode.FAILURE_CODE_IO_ERROR).toBuilder()
                .setDrawer(io.printbridge.proto.v1.DrawerOutcome.DRAWER_OUTCOME_UNKNOWN)
                .build();

        Job after = JobResults.applyResult(sent, result, CREATED.plusSeconds(2), true);

        assertThat(after.state()).isEqualTo(JobState.UNCERTAIN);
        assertThat(after.drawer()).isEqualTo(DrawerOutcome.UNKNOWN);
    }

    @Test
    void aJobThatDidNotAskForTheDrawerHasNoDrawerOutcome() {
        Job plain = Job.queued(
                "job-2",
                "alger-01",
                JobType.RAW,
                "",
                new JobPayload.Print(new byte[] {1}),
                CREATED,
                CREATED.plusSeconds(14_400),
                "erp",
                null,
                null);
        Job sent = sent(plain, CREATED.plusSeconds(1));

        assertThat(CommandFactory.toCommand(sent, CREATED.plusSeconds(1), true)
                        .getPrint()
                        .hasOpenDrawerAfter())
                .isFalse();
        assertThat(JobResults.applyResult(sent, succeeded(), CREATED.plusSeconds(2), true)
                        .drawer())
                .isNull();
        assertThat(DrawerOutcome.wireName(sent)).isNull();
    }

    private static Job sale() {
        return Job.queued(
                "job-1",
                "alger-01",
                JobType.RAW,
                "",
                new JobPayload.Print(new byte[] {1}, null, CREATED.plusSeconds(15)),
                CREATED,
                CREATED.plusSeconds(14_400),
                "erp",
                null,
                null);
    }

    private static Job sent(Job job, Instant at) {
        return job.to(JobState.SENT, at, "sent to the agent");
    }

    private static CommandResult succeeded() {
        return CommandResult.newBuilder()
                .setCommandId("job-1")
                .setSucceeded(CommandSucceeded.newBuilder().setBytesWritten(1))
                .build();
    }

    private static CommandResult failed(FailureCode code) {
        return CommandResult.newBuilder()
                .setCommandId("job-1")
                .setFailed(CommandFailed.newBuilder().setCode(code).setMessage("x"))
                .build();
    }
}
