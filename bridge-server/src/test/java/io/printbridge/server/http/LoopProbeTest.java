package io.printbridge.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A probe tells a loop that stays behind from one that stalled once: on a real Netty loop kept
 * busy, and step by step on a stopped one where the test says when each probe ran.
 */
class LoopProbeTest {

    private static final long TARGET = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    private final DefaultEventLoop loop = new DefaultEventLoop();

    @AfterEach
    void stop() {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void aLoopKeptBusyIsBehindAndCatchesUpOnceLeftAlone() throws Exception {
        LoopProbe probe = new LoopProbe(loop, TARGET);
        loop.execute(() -> probe.start(System.nanoTime()));
        AtomicBoolean busy = new AtomicBoolean(true);

        // Tasks of 200 ms one after another: every probe waits behind one, as behind a backlog of reads.
        loop.execute(new Runnable() {
            @Override
            public void run() {
                sleep(200);
                if (busy.get()) {
                    loop.execute(this);
                }
            }
        });

        awaitTrue(() -> probe.behindFor(System.nanoTime()) > 150 * MS, "a loop kept busy falls behind");
        busy.set(false);
        awaitTrue(() -> probe.behindFor(System.nanoTime()) == 0, "a loop left alone catches up");
    }

    @Test
    void oneLateProbeIsAStallTwoInARowABacklogAndOneInTimeEndsIt() throws Exception {
        // A stopped loop: the probe schedules nothing, and the test alone says when it ran.
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
        LoopProbe probe = new LoopProbe(loop, TARGET);
        long start = System.nanoTime();
        probe.start(start);
        long due = start + LoopProbe.PERIOD_NANOS;

        long afterStall = due + 900 * MS; // a collector's pause of almost a second
        probe.ran(afterStall);
        assertThat(probe.behindFor(afterStall + MS)).isZero();
        assertThat(probe.standingLateness()).isZero();

        probe.start(afterStall); // what run() does next: due a period later
        long lateAgain = afterStall + LoopProbe.PERIOD_NANOS + 60 * MS;
        probe.ran(lateAgain);
        // Behind since the first of the two ran: the stall before it is not counted.
        assertThat(probe.behindFor(lateAgain)).isEqualTo(lateAgain - afterStall);
        // And it runs 60 ms late, the smaller of the two: not the stall's 900.
        assertThat(probe.standingLateness()).isEqualTo(60 * MS);

        probe.start(lateAgain);
        long inTime = lateAgain + LoopProbe.PERIOD_NANOS + MS;
        probe.ran(inTime);
        assertThat(probe.behindFor(inTime + MS)).isZero();
        assertThat(probe.standingLateness()).isZero();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() - deadline).as(what).isNegative();
            Thread.sleep(5);
        }
    }
}
