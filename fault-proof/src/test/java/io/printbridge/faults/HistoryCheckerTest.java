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

    @Test
    void aDrawerJobCountsItsPulsesAsItsCopies() {
        Instant deadline = T0.plusSeconds(15);
        Verdict verdict = checker.check(new History(
                List.of(
                        drawerJob("d1", "DONE", deadline),
                        drawerJob("d2", "DONE", deadline),
                        drawerJob("d3", "EXPIRED", deadline),
                        drawerJob("d4", "DONE", deadline)),
                List.of(),
                List.of(
                        pulse("d1", T0.plusSeconds(1)),
                        pulse("d3", T0.plusSeconds(2)),
                        pulse("d4", T0.plusSeconds(1)),
                        pulse("d4", T0.plusSeconds(2)))));

        assertThat(verdict.violations())
                .extracting(Violation::kind, Violation::jobId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.DONE_NOT_PRINTED, "d2"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.PRINTED_BUT_REPORTED_NOT, "d3"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.PRINTED_TWICE, "d4"));
    }

    @Test
    void theDrawerAfterAReceiptMustAgreeWithWhatTheErpWasTold() {
        Instant deadline = T0.plusSeconds(15);
        Verdict verdict = checker.check(new History(
                List.of(
                        receipt("r1", "OPENED", deadline),
                        receipt("r2", "OPENED", deadline),
                        receipt("r3", "EXPIRED", deadline),
                        receipt("r4", "OPENED", deadline),
                        job("r5", "k5", "DONE", null)),
                List.of(copy("r1"), copy("r2"), copy("r3"), copy("r4"), copy("r5")),
                List.of(
                        pulse("r1", T0.plusSeconds(1)),
                        pulse("r3", T0.plusSeconds(1)),
                        pulse("r4", T0.plusSeconds(1)),
                        pulse("r4", T0.plusSeconds(2)),
                        pulse("r5", T0.plusSeconds(1)))));

        assertThat(verdict.violations())
                .extracting(Violation::kind, Violation::jobId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.DRAWER_OPENED_NOT_PULSED, "r2"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.DRAWER_REPORTED_SHUT, "r3"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.DRAWER_TWICE, "r4"),
                        org.assertj.core.groups.Tuple.tuple(Violation.Kind.UNEXPECTED_DRAWER, "r5"));
        assertThat(verdict.drawersByOutcome()).containsEntry("OPENED", 3L).containsEntry("EXPIRED", 1L);
    }

    private static JobOutcome drawerJob(String id, String state, Instant deadline) {
        return new JobOutcome(id, "alger-01", "key-" + id, T0, true, state, null, deadline);
    }

    private static JobOutcome receipt(String id, String drawer, Instant deadline) {
        return new JobOutcome(id, "alger-01", "key-" + id, T0, false, "DONE", drawer, deadline);
    }

    private static DrawerPulse pulse(String jobId, Instant at) {
        return new DrawerPulse(jobId, "receipt", at);
    }

    private static JobOutcome job(String id, String key, String state, Instant drawerDeadline) {
        return new JobOutcome(id, "alger-01", key, T0, state, drawerDeadline);
    }

    private static PrintedCopy copy(String jobId) {
        return new PrintedCopy(jobId, "receipt", T0.plusSeconds(1));
    }
}
