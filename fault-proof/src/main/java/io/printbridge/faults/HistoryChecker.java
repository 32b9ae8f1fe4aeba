package io.printbridge.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Holds a recorded history against the product's promises: an accepted job is never lost (it ends,
 * or is honestly still pending), never on paper twice unless the server says UNCERTAIN, never
 * reported as not printed when it was, a drawer never opens after its deadline nor against what
 * the ERP was told, and one idempotency key never makes two jobs.
 *
 * <p>A drawer job leaves no paper: its pulses stand for its copies. The pulse after a receipt is
 * the receipt's, checked against the drawer outcome the server reported for it.
 */
public final class HistoryChecker {

    public Verdict check(History history) {
        List<Violation> violations = new ArrayList<>();
        Map<String, JobOutcome> jobs = jobsByIdCheckingKeys(history, violations);
        Map<String, Integer> copies = new HashMap<>();
        for (PrintedCopy copy : history.copies()) {
            copies.merge(copy.jobId(), 1, Integer::sum);
            if (!jobs.containsKey(copy.jobId())) {
                violations.add(new Violation(
                        Violation.Kind.UNKNOWN_JOB_PRINTED,
                        copy.jobId(),
                        "printed on " + copy.printer() + " at " + copy.at() + " but never accepted"));
            }
        }
        Map<String, Integer> pulses = new HashMap<>();
        for (DrawerPulse pulse : history.pulses()) {
            pulses.merge(pulse.jobId(), 1, Integer::sum);
            checkPulse(pulse, jobs.get(pulse.jobId()), violations);
        }
        long uncertainPrintedTwice = 0;
        long pending = 0;
        Map<String, Long> byState = new TreeMap<>();
        Map<String, Long> drawers = new TreeMap<>();
        for (JobOutcome job : jobs.values()) {
            byState.merge(job.state(), 1L, Long::sum);
            if (job.drawer() != null) {
                drawers.merge(job.drawer(), 1L, Long::sum);
            }
            if (!job.isFinal()) {
                pending++;
            }
            int printed = job.drawerJob() ? pulses.getOrDefault(job.jobId(), 0) : copies.getOrDefault(job.jobId(), 0);
            if (printed > 1 && job.state().equals("UNCERTAIN")) {
                uncertainPrintedTwice++;
            }
            checkCopies(job, printed, violations);
            if (!job.drawerJob()) {
                checkDrawerAfterReceipt(job, pulses.getOrDefault(job.jobId(), 0), violations);
            }
        }
        return new Verdict(
                violations,
                byState,
                pending,
                uncertainPrintedTwice,
                history.pulses().size(),
                drawers);
    }

    private static Map<String, JobOutcome> jobsByIdCheckingKeys(History history, List<Violation> violations) {
        Map<String, JobOutcome> jobs = new HashMap<>();
        Map<String, String> jobByKey = new HashMap<>();
        for (JobOutcome job : history.jobs()) {
            jobs.put(job.jobId(), job);
            String earlier = jobByKey.putIfAbsent(job.storeId() + "/" + job.idempotencyKey(), job.jobId());
            if (earlier != null && !earlier.equals(job.jobId())) {
                violations.add(new Violation(
                        Violation.Kind.SECOND_JOB_FOR_KEY,
                        job.jobId(),
                        "idempotency key " + job.idempotencyKey() + " of store " + job.storeId() + " also made job "
                                + earlier));
            }
        }
        return jobs;
    }

    /** A job's copies (a drawer job's pulses) against its final state. */
    private static void checkCopies(JobOutcome job, int printed, List<Violation> violations) {
        String what = job.drawerJob() ? "pulsed" : "on paper";
        if (printed > 1 && !job.state().equals("UNCERTAIN")) {
            violations.add(new Violation(
                    Violation.Kind.PRINTED_TWICE,
                    job.jobId(),
                    what + " " + printed + " times, reported " + job.state() + " (expected: UNCERTAIN)"));
        }
        if (job.state().equals("DONE") && printed == 0) {
            violations.add(new Violation(
                    Violation.Kind.DONE_NOT_PRINTED,
                    job.jobId(),
                    job.drawerJob() ? "reported DONE, the drawer never pulsed" : "reported DONE, found on no printer"));
        }
        if (printed > 0 && (job.state().equals("EXPIRED") || job.state().equals("FAILED"))) {
            violations.add(new Violation(
                    Violation.Kind.PRINTED_BUT_REPORTED_NOT,
                    job.jobId(),
                    what + " " + printed + " time(s), reported " + job.state()));
        }
    }

    /** The pulse after a receipt against what the server said of that drawer. */
    private static void checkDrawerAfterReceipt(JobOutcome job, int pulsed, List<Violation> violations) {
        if (pulsed > 1 && !job.state().equals("UNCERTAIN")) {
            violations.add(new Violation(
                    Violation.Kind.DRAWER_TWICE, job.jobId(), "drawer pulsed " + pulsed + " times after the receipt"));
        }
        String drawer = job.drawer();
        if (drawer == null) {
            return;
        }
        if (pulsed > 0 && JobOutcome.DRAWER_SHUT.contains(drawer)) {
            violations.add(new Violation(
                    Violation.Kind.DRAWER_REPORTED_SHUT,
                    job.jobId(),
                    "drawer pulsed, the server reported it " + drawer));
        }
        if (pulsed == 0 && drawer.equals("OPENED")) {
            violations.add(new Violation(
                    Violation.Kind.DRAWER_OPENED_NOT_PULSED,
                    job.jobId(),
                    "reported OPENED, no pulse reached the printer"));
        }
    }

    private static void checkPulse(DrawerPulse pulse, @Nullable JobOutcome job, List<Violation> violations) {
        if (job == null) {
            violations.add(new Violation(
                    Violation.Kind.UNKNOWN_JOB_PRINTED,
                    pulse.jobId(),
                    "drawer pulse on " + pulse.printer() + " at " + pulse.at() + " but the job was never accepted"));
        } else if (job.drawerDeadline() == null) {
            violations.add(new Violation(
                    Violation.Kind.UNEXPECTED_DRAWER,
                    job.jobId(),
                    "drawer pulse on " + pulse.printer() + " at " + pulse.at() + " for a job that asked for none"));
        } else if (pulse.at().isAfter(job.drawerDeadline())) {
            violations.add(new Violation(
                    Violation.Kind.LATE_DRAWER,
                    job.jobId(),
                    "drawer opened at " + pulse.at() + ", its deadline was " + job.drawerDeadline()));
        }
    }
}
