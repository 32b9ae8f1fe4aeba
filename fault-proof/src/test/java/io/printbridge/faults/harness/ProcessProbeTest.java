package io.printbridge.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The heap read from {@code jcmd GC.heap_info}: the generational collectors' lines summed, ZGC's one
 * line read in megabytes (a server run on a newer runtime's ZGC to compare collectors).
 */
class ProcessProbeTest {

    @Test
    void theParallelCollectorsGenerationsAreSummed() {
        String parallel = """
                 PSYoungGen      total 76288K, used 17040K [0x00000000fab00000, 0x0000000100000000)
                  eden space 65536K, 26% used [0x00000000fab00000,0x00000000fbba4370,0x00000000feb00000)
                 ParOldGen       total 175104K, used 2048K [0x00000000f0000000, 0x00000000fab00000)
                  object space 175104K, 1% used [0x00000000f0000000,0x00000000f0000000,0x00000000fab00000)
                 Metaspace       used 8926K, committed 9088K, reserved 1114112K
                """;

        assertThat(ProcessProbe.heapUsed(parallel)).isEqualTo((17_040L + 2_048L) * 1024);
    }

    @Test
    void zgcsWholeHeapLineIsReadInMegabytes() {
        String zgc = """
                ZHeap            used 32M, capacity 256M, max capacity 256M
                 Cache           224M (2)
                  size classes   4M (1), 128M (1)
                """;

        assertThat(ProcessProbe.heapUsed(zgc)).isEqualTo(32L * 1024 * 1024);
    }

    @Test
    void aRunningJvmsHeapIsAskedOfItsOwnRuntimesJcmd() throws Exception {
        long used = new ProcessProbe(ProcessHandle.current().pid()).heapAfterGc();

        assertThat(used).as("this test's own heap after a collection").isPositive();
    }
}
