package io.printbridge.faults;

import java.util.List;
import java.util.Map;

/**
 * What the checker found: the violations, and the figures a run writes down (jobs by final state,
 * still pending at the end, UNCERTAIN ones and how many of those printed twice, drawer pulses).
 */
public record Verdict(
        List<Violation> violations,
        Map<String, Long> jobsByState,
        long pending,
        long uncertainPrintedTwice,
        long drawerPulses) {

    public Verdict {
        violations = List.copyOf(violations);
        jobsByState = Map.copyOf(jobsByState);
    }

    public boolean holds() {
        return violations.isEmpty();
    }
}
