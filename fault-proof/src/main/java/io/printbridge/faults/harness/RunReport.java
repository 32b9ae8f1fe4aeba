package io.printbridge.faults.harness;

import io.printbridge.faults.Verdict;
import io.printbridge.faults.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The figures of a run, as a person reads them: the jobs and what became of them, the faults by
 * kind, where each UNCERTAIN job came from, and every violation. Written to {@code summary.txt},
 * with {@code jobs.tsv} (one line per job) and {@code faults.tsv} (one line per fault) beside it.
 */
final class RunReport {

    /** How far back from a job's creation a fault still counts as the likely cause of its UNCERTAIN. */
    private static final Duration CAUSE_WINDOW = Duration.ofSeconds(30);

    private final RunSettings settings;
    private final List<String> stores;
    private final List<ErpClient.Submission> submissions;
    private final Map<String, ErpClient.JobState> states;
    private final List<FaultInjector.Injected> faults;
    private final List<String> notInjected;
    private final Verdict verdict;

    RunReport(
            RunSettings settings,
            List<String> stores,
            List<ErpClient.Submission> submissions,
            Map<String, ErpClient.JobState> states,
            List<FaultInjector.Injected> faults,
            List<String> notInjected,
            Verdict verdict) {
        this.settings = settings;
        this.stores = stores;
        this.submissions = submissions;
        this.states = states;
        this.faults = faults;
        this.notInjected = notInjected;
        this.verdict = verdict;
    }

    Map<Fault.Kind, Long> faultsByKind() {
        Map<Fault.Kind, Long> counts = new EnumMap<>(Fault.Kind.class);
        for (FaultInjector.Injected fault : faults) {
            if (fault.error() == null) {
                counts.merge(fault.fault().kind(), 1L, Long::sum);
            }
        }
        return counts;
    }

    List<String> faultErrors() {
        return faults.stream()
                .filter(f -> f.error() != null)
                .map(f -> f.fault().describe(stores) + ": " + f.error())
                .toList();
    }

    String summary() {
        StringBuilder s = new StringBuilder();
        long accepted = submissions.stream().filter(x -> x.acceptedAt != null).count();
        long refused = submissions.stream().filter(x -> x.refusal != null).count();
        long unanswered = submissions.stream().filter(x -> !x.answered()).count();
        long attempts = submissions.stream().mapToLong(x -> x.attempts.size()).sum();
        s.append("fault run: seed ")
                .append(settings.seed())
                .append(", ")
                .append(settings.database())
                .append(", ")
                .append(stores.size())
                .append(" stores")
                .append(", ")
                .append(settings.jobs())
                .append(" jobs at ")
                .append(settings.jobsPerSecond())
                .append("/s\n");
        s.append("requests: ")
                .append(accepted)
                .append(" accepted, ")
                .append(refused)
                .append(" refused, ")
                .append(unanswered)
                .append(" never answered; ")
                .append(attempts)
                .append(" attempts (")
                .append(attempts - submissions.size())
                .append(" retries)\n");
        submissions.stream()
                .filter(x -> x.refusal != null)
                .limit(10)
                .forEach(x -> s.append("  refused ")
                        .append(x.job.key())
                        .append(": ")
                        .append(x.refusal)
                        .append('\n'));
        s.append("faults injected: ")
                .append(faults.size())
                .append(' ')
                .append(faultsByKind())
                .append('\n');
        faultErrors().forEach(e -> s.append("  fault failed: ").append(e).append('\n'));
        notInjected.forEach(n -> s.append("  not injected: ").append(n).append('\n'));
        s.append("final states: ")
                .append(verdict.jobsByState())
                .append(", still pending: ")
                .append(verdict.pending())
                .append('\n');
        s.append("drawers: ")
                .append(verdict.drawerPulses())
                .append(" pulses; after receipts the server said ")
                .append(verdict.drawersByOutcome())
                .append('\n');
        s.append("UNCERTAIN: ")
                .append(verdict.jobsByState().getOrDefault("UNCERTAIN", 0L))
                .append(" (printed twice: ")
                .append(verdict.uncertainPrintedTwice())
                .append(")\n");
        uncertainCauses()
                .forEach((cause, count) ->
                        s.append("  ").append(count).append(" × ").append(cause).append('\n'));
        Map<Violation.Kind, Long> byKind = verdict.violations().stream()
                .collect(Collectors.groupingBy(Violation::kind, TreeMap::new, Collectors.counting()));
        s.append("violations: ")
                .append(verdict.violations().size())
                .append(' ')
                .append(byKind)
                .append('\n');
        verdict.violations().stream()
                .limit(50)
                .forEach(v -> s.append("  ")
                        .append(v.kind())
                        .append(' ')
                        .append(v.jobId())
                        .append(": ")
                        .append(v.detail())
                        .append('\n'));
        s.append(verdict.holds() ? "PROMISES HELD\n" : "PROMISES BROKEN\n");
        return s.toString();
    }

    /** Each UNCERTAIN job's reason as the server gave it, with the faults that hit its store around it. */
    private Map<String, Long> uncertainCauses() {
        Map<String, Long> causes = new TreeMap<>();
        for (ErpClient.Submission submission : submissions) {
            for (String jobId : submission.jobIds) {
                ErpClient.JobState state = states.get(jobId);
                if (state != null && state.state().equals("UNCERTAIN")) {
                    causes.merge(
                            "\"" + state.lastReason() + "\" with " + faultsAround(submission.job.store(), state),
                            1L,
                            Long::sum);
                }
            }
        }
        return causes;
    }

    /**
     * The faults that hit the job's store (or the whole server side) from a little before it was
     * made until {@link #CAUSE_WINDOW} after: those that could have left it UNCERTAIN.
     */
    private String faultsAround(String store, ErpClient.JobState state) {
        Instant from = state.createdAt().minusSeconds(5);
        Instant to = state.createdAt().plus(CAUSE_WINDOW);
        String kinds = faults.stream()
                .filter(f -> f.fault().kind().scope == Fault.Scope.SERVER
                        || stores.get(f.fault().store()).equals(store))
                .filter(f -> f.began().isBefore(to)
                        && (f.ended() == null || !f.ended().isBefore(from)))
                .map(f -> f.fault().kind().toString())
                .distinct()
                .sorted()
                .collect(Collectors.joining("+"));
        return kinds.isEmpty() ? "no fault around it" : kinds;
    }

    void write(Path out) throws IOException {
        Files.writeString(out.resolve("summary.txt"), summary());
        List<String> jobLines = new ArrayList<>();
        jobLines.add("key\tstore\tkind\tprinter\topenDrawer\tjobIds\tstate\tdrawer\terror\tattempts\trefusal");
        for (ErpClient.Submission x : submissions) {
            ErpClient.JobState state =
                    x.jobIds.isEmpty() ? null : states.get(x.jobIds.iterator().next());
            jobLines.add(String.join(
                    "\t",
                    x.job.key(),
                    x.job.store(),
                    x.job.kind().toString(),
                    x.job.printer(),
                    Boolean.toString(x.job.openDrawer()),
                    String.join(",", x.jobIds),
                    state == null ? "" : state.state(),
                    state == null || state.drawer() == null ? "" : state.drawer(),
                    state == null || state.errorCode() == null ? "" : state.errorCode(),
                    x.attempts.stream().map(ErpClient.Attempt::outcome).collect(Collectors.joining(",")),
                    x.refusal == null ? "" : x.refusal));
        }
        Files.write(out.resolve("jobs.tsv"), jobLines);
        List<String> faultLines = new ArrayList<>();
        faultLines.add("began\tended\tfault\terror");
        for (FaultInjector.Injected f : faults) {
            faultLines.add(f.began() + "\t" + (f.ended() == null ? "" : f.ended()) + "\t"
                    + f.fault().describe(stores) + "\t" + (f.error() == null ? "" : f.error()));
        }
        Files.write(out.resolve("faults.tsv"), faultLines);
    }
}
