package io.printbridge.faults.harness;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The stop's threads picked out of a JVM thread dump, as a stuck server's SIGQUIT writes it. */
class StuckStopTest {

    @Test
    void keepsMainAndTheShutdownHooksOnly() {
        String dump = String.join(
                "\n",
                "Full thread dump OpenJDK 64-Bit Server VM (17.0.15+6):",
                "",
                "\"main\" #1 prio=5 os_prio=0 tid=0x1 nid=0x2 waiting on condition",
                "   java.lang.Thread.State: WAITING (parking)",
                "\tat jdk.internal.misc.Unsafe.park(Native Method)",
                "",
                "\"default-eventLoopGroup-1-1\" #20 prio=5 runnable",
                "\tat io.netty.channel.epoll.Native.epollWait(Native Method)",
                "",
                "\"Thread-0\" #31 prio=5 waiting for monitor entry",
                "\tat io.printbridge.server.jobs.JobWriter.close(JobWriter.java:120)",
                "",
                "\"Thread-10\" #32 prio=5 runnable",
                "\tat java.lang.Thread.run(Thread.java:833)");

        String kept = StuckStop.stopThreads(dump);

        assertThat(kept)
                .contains("\"main\" #1", "Unsafe.park", "\"Thread-0\" #31", "JobWriter.close", "\"Thread-10\"")
                .doesNotContain("eventLoopGroup", "epollWait", "Full thread dump");
        assertThat(StuckStop.stopThreads("nothing")).startsWith("(no stack");
    }
}
