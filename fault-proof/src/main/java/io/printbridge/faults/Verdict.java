package io.printbridge.faults;

import java.util.List;
import java.util.Map;

/**
 * What the checker found: the violations, and the figures a run writes down (jobs by final state,
 * still pending at the end, UNCERTAIN ones and how many of those printed twice, drawer pulses and
 * what the server said of the drawers after receipts).
 */
public record Verdict(
        List<Violation> violations,
        Map<String, Long> jobsByState,
        long pending,
        long uncertainPrintedTwice,
        long drawerPulses,
        Map<String, Long> drawersByOutcome) {

    public Verdict {
        violations = List.copyOf(violations);
        jobsByState = Map.copyOf(jobsByState);
        drawersByOutcome = Map.copyOf(drawersByOutcome);
    }

    public boolean holds() {
        return violations.isEmpty();
    }
}
