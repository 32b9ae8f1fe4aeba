package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GcPauseTest {

    @Test
    void eachCollectorsFinishedPauseIsReadWithItsEndAndLength() {
        // Lines as JDK 17 writes them with -Xlog:gc,gc+phases:...:timemillis.
        assertThat(GcPause.parse(
                        "[1765121401123ms] GC(18) Pause Young (Allocation Failure) 1611M->495M(3974M) 48.765ms"))
                .isEqualTo(new GcPause(1765121401123L, 48.765));
        assertThat(GcPause.parse("[1765121402000ms] GC(24) Pause Full (Ergonomics) 2527M->418M(4001M) 1135.313ms"))
                .isEqualTo(new GcPause(1765121402000L, 1135.313));
        assertThat(GcPause.parse("[1765121403000ms] GC(96) Pause Young (Normal) (G1 Evacuation Pause)"
                        + " 708M->456M(4096M) 147.065ms"))
                .isEqualTo(new GcPause(1765121403000L, 147.065));
        assertThat(GcPause.parse("[1765121404000ms] GC(12) Pause Final Mark (unload classes) 0.184ms"))
                .isEqualTo(new GcPause(1765121404000L, 0.184));
        assertThat(GcPause.parse("[1765121405000ms] GC(0) Pause Mark Start 0.006ms"))
                .isEqualTo(new GcPause(1765121405000L, 0.006));
    }

    @Test
    void linesThatAreNotAFinishedPauseAreNone() {
        assertThat(GcPause.parse("[1765121401075ms] GC(18) Pause Young (Allocation Failure)"))
                .isNull();
        assertThat(GcPause.parse("[1765121401075ms] GC(96) MMU target violated: 21.0ms (20.0ms/21.0ms)"))
                .isNull();
        assertThat(GcPause.parse("[1765121401075ms] GC(96)   Merge Heap Roots: 7.9ms"))
                .isNull();
        assertThat(GcPause.parse("[146.007s] GC(18) Pause Young (Allocation Failure) 1611M->495M(3974M) 48.765ms"))
                .as("stamped with the uptime, not the wall clock")
                .isNull();
        assertThat(GcPause.parse("")).isNull();
    }

    @Test
    void pausesAreCountedSummedAndTheLongestKept() {
        GcPauses pauses = GcPauses.of(List.of(new GcPause(1, 48.5), new GcPause(2, 107.25), new GcPause(3, 52.25)));

        assertThat(pauses).isEqualTo(new GcPauses(3, 208.0, 107.25));
        assertThat(pauses.describe()).isEqualTo("3, 208.0 ms in all, the longest 107.3 ms");
        assertThat(GcPauses.of(List.of()).describe()).isEqualTo("none");
        assertThat(GcPauses.of(List.of(new GcPause(1, 0), new GcPause(2, 0.4))).describe())
                .isEqualTo("2, each under 1 ms");
    }

    @Test
    void theServersPausesAreThoseItsLogEndsAfterTheStart(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gc.log");
        Files.write(
                log,
                List.of(
                        "[1000ms] GC(1) Pause Young (Allocation Failure) 10M->1M(100M) 30.000ms",
                        "[2000ms] GC(2) Pause Young (Allocation Failure)",
                        "[2050ms] GC(2) Pause Young (Allocation Failure) 10M->1M(100M) 50.000ms",
                        "[3000ms] GC(3) Pause Young (Allocation Failure) 10M->1M(100M) 20.000ms"));

        assertThat(PauseWatch.serverPauses(log, 2000)).isEqualTo(new GcPauses(2, 70.0, 50.0));
        assertThat(PauseWatch.serverPauses(dir.resolve("absent.log"), 0)).isEqualTo(new GcPauses(0, 0, 0));
    }

    @Test
    void theLogOptionNamesEveryCollectorsPausesAndRefusesAPathItCannotTake() {
        assertThat(GcPause.logOption("/tmp/run/server-1/gc.log"))
                .isEqualTo("-Xlog:gc,gc+phases:file=/tmp/run/server-1/gc.log:timemillis");
        assertThatThrownBy(() -> GcPause.logOption("C:/runs/gc.log"))
                .hasMessage("GC log: \"C:/runs/gc.log\" (expected: a path without ':' or spaces, which -Xlog cannot"
                        + " take)");
    }

    @Test
    void thisJvmsOwnPausesAreHeardAndConcurrentCyclesAreNotPauses() throws Exception {
        long before = System.currentTimeMillis();
        OwnGcPauses own = OwnGcPauses.get();

        System.gc();
        for (int i = 0; i < 100 && own.since(before).count() == 0; i++) {
            Thread.sleep(50);
        }

        assertThat(own.since(before).count()).isPositive();
        assertThat(own.since(System.currentTimeMillis() + 60_000).count()).isZero();
        assertThat(own.collectors()).isNotEmpty();
        assertThat(OwnGcPauses.stops("G1 Young Generation")).isTrue();
        assertThat(OwnGcPauses.stops("PS Scavenge")).isTrue();
        assertThat(OwnGcPauses.stops("Shenandoah Pauses")).isTrue();
        assertThat(OwnGcPauses.stops("ZGC Cycles")).isFalse();
        assertThat(OwnGcPauses.stops("G1 Concurrent GC")).isFalse();
    }
}
