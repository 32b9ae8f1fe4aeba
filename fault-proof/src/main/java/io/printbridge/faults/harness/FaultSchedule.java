package io.printbridge.faults.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The faults of a run, drawn from its seed: one about every {@code every} over the load, each kind
 * available at least once (when the run is long enough for them all), at random moments, on
 * random stores and printers, for random spans within each kind's own.
 */
final class FaultSchedule {

    private FaultSchedule() {}

    static List<Fault> plan(long seed, Duration load, Duration every, int stores, Set<Fault.Kind> available) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        int count = (int) Math.max(available.size(), load.toMillis() / every.toMillis());
        List<Fault.Kind> kinds = new ArrayList<>(available);
        Collections.sort(kinds); // a seed replays the same schedule whatever the set's order
        Collections.shuffle(kinds, random);
        List<Fault.Kind> sequence = new ArrayList<>(kinds);
        while (sequence.size() < count) {
            sequence.add(kinds.get(random.nextInt(kinds.size())));
        }
        long slot = load.toMillis() / count;
        List<Fault> faults = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Fault.Kind kind = sequence.get(i);
            long at = i * slot + (slot > 1 ? random.nextLong(slot / 2 + 1) : 0);
            long lasts = kind.minMillis
                    + (kind.maxMillis > kind.minMillis ? random.nextInt(kind.maxMillis - kind.minMillis + 1) : 0);
            faults.add(new Fault(
                    Duration.ofMillis(at),
                    kind,
                    random.nextInt(stores),
                    random.nextInt(3) == 0 ? "kitchen" : "receipt",
                    Duration.ofMillis(lasts)));
        }
        return faults;
    }
}
