package io.printbridge.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCheckerTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    private final HistoryChecker checker = new HistoryChecker();

    @Test
    void aHistoryThatKeepsEveryPromiseHoldsAndIsCounted() {
        History history = new History(
                List.of(
                        job("j1", "k1", "DONE", null),
                        job("j2", "k2", "DONE", T0.plusSeconds(15)),
                        job("j3", "k3", "UNCERTAIN", null),
                        job("j4", "k4", "EXPIRED", null),
                        job("j5", "k5", "QUEUED", null)),
                List.of(copy("j1"), copy("j2"), copy("j3"), copy("j3")),
                List.of(new DrawerPulse("j2", "receipt", T0.plusSeconds(3))));

        Verdict verdict = checker.check(history);

        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.holds()).isTrue();
        assertThat(verdict.jobsByState()).containsEntry("DONE", 2L).containsEntry("UNCERTAIN", 1L);
        assertThat(verdict.pending()).isEqualTo(1);
        assertThat(verdict.uncertainPrintedTwice()).isEqualTo(1);
        assertThat(verdict.drawerPulses()).isEqualTo(1);
    }

    @Test
    void aJobOnPaperTwiceThatIsNotUncertainIsAViolation() {
        Verdict verdict = checker.check(
                new History(List.of(job("j1", "k1", "DONE", null)), List.of(copy("j1"), copy("j1")), List.of()));

        assertThat(verdict.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.PRINTED_TWICE);
    }

    @Test
    void aDoneJobFoundOnNoPrinterIsLost() {
        Verdict verdict = checker.check(new History(List.of(job("j1", "k1", "DONE", null)), List.of(), List.of()));

        assertThat(verdict.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.DONE_NOT_PRINTED);
    }

    @Test
    void aJobOnPaperReportedExpiredOrFailedIsAViolation() {
        Verdict verdict = checker.check(new History(
                List.of(job("j1", "k1", "EXPIRED", null), job("j2", "k2", "FAILED", null)),
                List.of(copy("j1"), copy("j2")),
                List.of()));

        assertThat(verdict.violations())
                .extracting(Violation::kind)
                .containsOnly(Violation.Kind.PRINTED_BUT_REPORTED_NOT)
                .hasSize(2);
    }

    @Test
    void aDrawerPulseAfterItsDeadlineIsLateAndOneBeforeIsNot() {
        Instant deadline = T0.plusSeconds(15);
        Verdict verdict = checker.check(new History(
                List.of(job("j1", "k1", "DONE", deadline), job("j2", "k2", "DONE", deadline)),
                List.of(copy("j1"), copy("j2")),
                List.of(
                        new DrawerPulse("j1", "receipt", deadline.plus(Duration.ofMillis(1))),
                        new DrawerPulse("j2", "receipt", deadline))));

        assertThat(verdict.violations()).singleElement().satisfies(v -> {
            assertThat(v.kind()).isEqualTo(Violation.Kind.LATE_DRAWER);
            assertThat(v.jobId()).isEqualTo("j1");
        });
    }

    @Test
    void oneIdempotencyKeyMakingTwoJobsIsAViolationButTheSameKeyInAnotherStoreIsNot() {
        Verdict verdict = checker.check(new History(
                List.of(
                        job("j1", "k1", "DONE", null),
                        job("j2", "k1", "DONE", null),
                        new JobOutcome("j3", "oran-02", "k1", T0, "DONE", null)),
                List.of(copy("j1"), copy("j2"), copy("j3")),
                List.of()));

        assertThat(verdict.violations()).extracting(Violation::kind).containsExactly(Violation.Kind.SECOND_JOB_FOR_KEY);
    }

    @Test
    void paperOrAPulseForAJobNeverAcceptedIsAViolation() {
        Verdict verdict = checker.check(
                new History(List.of(), List.of(copy("ghost")), List.of(new DrawerPulse("ghost-2", "receipt", T0))));

        assertThat(verdict.violations())
                .extracting(Violation::kind)
                .containsExactly(Violation.Kind.UNKNOWN_JOB_PRINTED, Violation.Kind.UNKNOWN_JOB_PRINTED);
    }

    private static JobOutcome job(String id, String key, String state, Instant drawerDeadline) {
        return new JobOutcome(id, "alger-01", key, T0, state, drawerDeadline);
    }

    private static PrintedCopy copy(String jobId) {
        return new PrintedCopy(jobId, "receipt", T0.plusSeconds(1));
    }
}
