package io.printbridge.fleetsim;

import io.printbridge.faults.harness.PlannedJob;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The kinds of job a peak hour sends, in proportion ({@code raw=80,invoice=15,drawer=5}): closing
 * receipts sent as raw bytes, invoices the server lays out, and drawer opens.
 */
record PeakMix(Map<PlannedJob.Kind, Integer> weights) {

    static final String DEFAULT = "raw=80,invoice=15,drawer=5";

    PeakMix {
        weights = Map.copyOf(weights);
        if (weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
            throw new IllegalArgumentException("peak-mix: " + weights + " (expected: at least one weight above 0)");
        }
    }

    /** {@code raw=80,invoice=15,drawer=5}: kinds not named weigh 0. */
    static PeakMix parse(String text) {
        Map<PlannedJob.Kind, Integer> weights = new EnumMap<>(PlannedJob.Kind.class);
        for (String part : text.split(",")) {
            String[] pair = part.strip().split("=");
            PlannedJob.Kind kind;
            int weight;
            try {
                if (pair.length != 2) {
                    throw new IllegalArgumentException("not kind=weight");
                }
                kind = PlannedJob.Kind.valueOf(pair[0].strip().toUpperCase(Locale.ROOT));
                weight = Integer.parseInt(pair[1].strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("peak-mix: \"" + part
                        + "\" (expected: kind=weight, the kinds raw, invoice and drawer, the weights whole numbers,"
                        + " as in " + DEFAULT + ")");
            }
            if (weight < 0) {
                throw new IllegalArgumentException("peak-mix: \"" + part + "\" (expected: a weight of 0 or more)");
            }
            if (weights.put(kind, weight) != null) {
                throw new IllegalArgumentException("peak-mix: " + pair[0] + " named twice in \"" + text + "\"");
            }
        }
        return new PeakMix(weights);
    }

    /** A kind drawn in proportion to the weights. */
    PlannedJob.Kind draw(Random random) {
        int total = weights.values().stream().mapToInt(Integer::intValue).sum();
        int roll = random.nextInt(total);
        for (PlannedJob.Kind kind : PlannedJob.Kind.values()) {
            roll -= weights.getOrDefault(kind, 0);
            if (roll < 0) {
                return kind;
            }
        }
        throw new AssertionError("weights " + weights + " never reached " + total);
    }

    /** {@code raw=80,invoice=15,drawer=5}: the heaviest first, kinds that weigh 0 left out. */
    @Override
    public String toString() {
        return weights.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<PlannedJob.Kind, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }
}
