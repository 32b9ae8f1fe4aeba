package io.printbridge.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Holds a recorded history against the product's promises: an accepted job is never lost (it ends,
 * or is honestly still pending), never on paper twice unless the server says UNCERTAIN, never
 * reported as not printed when it was, a drawer never opens after its deadline, and one
 * idempotency key never makes two jobs.
 */
public final class HistoryChecker {

    public Verdict check(History history) {
        List<Violation> violations = new ArrayList<>();
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
        long uncertainPrintedTwice = 0;
        Map<String, Long> byState = new TreeMap<>();
        long pending = 0;
        for (JobOutcome job : jobs.values()) {
            byState.merge(job.state(), 1L, Long::sum);
            if (!job.isFinal()) {
                pending++;
            }
            int printed = copies.getOrDefault(job.jobId(), 0);
            if (printed > 1) {
                if (job.state().equals("UNCERTAIN")) {
                    uncertainPrintedTwice++;
                } else {
                    violations.add(new Violation(
                            Violation.Kind.PRINTED_TWICE,
                            job.jobId(),
                            "on paper " + printed + " times, reported " + job.state() + " (expected: UNCERTAIN)"));
                }
            }
            if (job.state().equals("DONE") && printed == 0) {
                violations.add(new Violation(
                        Violation.Kind.DONE_NOT_PRINTED, job.jobId(), "reported DONE, found on no printer"));
            }
            if (printed > 0 && (job.state().equals("EXPIRED") || job.state().equals("FAILED"))) {
                violations.add(new Violation(
                        Violation.Kind.PRINTED_BUT_REPORTED_NOT,
                        job.jobId(),
                        "on paper " + printed + " time(s), reported " + job.state()));
            }
        }
        for (DrawerPulse pulse : history.pulses()) {
            JobOutcome job = jobs.get(pulse.jobId());
            if (job == null) {
                violations.add(new Violation(
                        Violation.Kind.UNKNOWN_JOB_PRINTED,
                        pulse.jobId(),
                        "drawer pulse on " + pulse.printer() + " at " + pulse.at()
                                + " but the job was never accepted"));
            } else if (job.drawerDeadline() != null && pulse.at().isAfter(job.drawerDeadline())) {
                violations.add(new Violation(
                        Violation.Kind.LATE_DRAWER,
                        job.jobId(),
                        "drawer opened at " + pulse.at() + ", its deadline was " + job.drawerDeadline()));
            }
        }
        return new Verdict(
                violations,
                byState,
                pending,
                uncertainPrintedTwice,
                history.pulses().size());
    }
}
