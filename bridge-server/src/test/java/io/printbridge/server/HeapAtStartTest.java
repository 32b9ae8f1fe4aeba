package io.printbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The start's word on a heap that will grow under the parallel collector, and silence otherwise. */
class HeapAtStartTest {

    private static final long MB = 1024 * 1024;

    @Test
    void aGrowingHeapUnderTheParallelCollectorIsNamedWithWhatToSet() {
        assertThat(HeapAtStart.advice(List.of("PS Scavenge", HeapAtStart.PARALLEL_OLD), 368 * MB, 4096 * MB))
                .hasValueSatisfying(advice -> assertThat(advice)
                        .contains("starts at 368 MB of its 4096 MB")
                        .contains("-Xms equal to -Xmx"));
    }

    @Test
    void aWholeHeapOrAnotherCollectorIsNotWorthALine() {
        assertThat(HeapAtStart.advice(List.of("PS Scavenge", HeapAtStart.PARALLEL_OLD), 4096 * MB, 4096 * MB))
                .isEmpty();
        assertThat(HeapAtStart.advice(List.of("G1 Young Generation", "G1 Old Generation"), 368 * MB, 4096 * MB))
                .isEmpty();
        assertThat(HeapAtStart.advice(List.of(HeapAtStart.PARALLEL_OLD), 368 * MB, -1))
                .isEmpty();
    }
}
