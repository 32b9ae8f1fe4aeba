package io.printbridge.core.words;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Amounts in centimes for property checks: uniform ones over the whole range, and ones built
 * from groups that are often zero or an edge of the spelling rules (1, 2, 11, 71, 80, 101, ...),
 * which uniform sampling almost never hits. The seed is fixed so a failure replays.
 */
final class SampleAmounts {
    static final long MAX_CENTIMES = 99_999_999_999L;
    private static final int[] EDGE_GROUPS = {
        1, 2, 3, 9, 10, 11, 12, 17, 19, 20, 21, 22, 60, 61, 70, 71, 72, 79, 80, 81, 90, 91, 99, 100, 101, 102, 103, 110,
        111, 180, 199, 200, 201, 202, 280, 300, 999
    };
    private static final int[] EDGE_CENTIMES = {1, 2, 3, 10, 11, 12, 20, 21, 50, 71, 80, 81, 99};

    private SampleAmounts() {}

    static List<Long> centimes(int count) {
        Random random = new Random(20261124L);
        List<Long> amounts = new ArrayList<>(count + 4);
        amounts.addAll(List.of(0L, 1L, 100L, MAX_CENTIMES));
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                amounts.add(Math.floorMod(random.nextLong(), MAX_CENTIMES + 1));
            } else {
                long dinars = group(random) * 1_000_000L + group(random) * 1000L + group(random);
                amounts.add(dinars * 100 + pick(random, EDGE_CENTIMES, 99));
            }
        }
        return amounts;
    }

    private static long group(Random random) {
        return pick(random, EDGE_GROUPS, 999);
    }

    /** 0 four times in ten, an edge value three in ten, anything up to max otherwise. */
    private static int pick(Random random, int[] edges, int max) {
        int roll = random.nextInt(10);
        if (roll < 4) {
            return 0;
        }
        return roll < 7 ? edges[random.nextInt(edges.length)] : random.nextInt(max + 1);
    }
}
