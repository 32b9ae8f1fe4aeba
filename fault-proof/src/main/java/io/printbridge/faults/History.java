package io.printbridge.faults;

import java.util.List;

/** What one run recorded: the jobs the server accepted, the copies printed, the drawer pulses. */
public record History(List<JobOutcome> jobs, List<PrintedCopy> copies, List<DrawerPulse> pulses) {

    public History {
        jobs = List.copyOf(jobs);
        copies = List.copyOf(copies);
        pulses = List.copyOf(pulses);
    }
}
