package io.printbridge.agent.exec;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.exec.ExecutionJournal.Entry;
import io.printbridge.agent.exec.ExecutionJournal.Entry.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent killed mid-command, for real: a child JVM that stops dead after recording a start. */
class FileExecutionJournalKillTest {

    @TempDir
    Path directory;

    @Test
    void commandStartedByAnAgentThatWasKilledIsInterruptedAfterTheRestart() throws Exception {
        Path journalDirectory = directory.resolve("journal");
        Path output = directory.resolve("child.log");
        Process child = startChild(StartThenHalt.class, journalDirectory, output);
        boolean exited = child.waitFor(30, TimeUnit.SECONDS);
        if (!exited) {
            child.destroyForcibly();
        }
        String childOutput = Files.readString(output, UTF_8);

        assertThat(exited).as("child exited; its output:%n%s", childOutput).isTrue();
        assertThat(childOutput).contains(StartThenHalt.HALTING);
        try (FileExecutionJournal journal = FileExecutionJournal.open(journalDirectory, 100, false)) {
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.INTERRUPTED);
        }
    }

    @Test
    void aSecondAgentOnTheSameJournalIsRefusedUntilTheFirstIsGone() throws Exception {
        Path journalDirectory = directory.resolve("journal");
        Path output = directory.resolve("holder.log");
        Process holder = startChild(OpenThenWait.class, journalDirectory, output);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(output) || !Files.readString(output, UTF_8).contains(OpenThenWait.OPEN)) {
                assertThat(holder.isAlive())
                        .as("holder running; its output: %s", Files.readString(output, UTF_8))
                        .isTrue();
                assertThat(System.nanoTime())
                        .as("holder opened the journal within 30 s")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }

            assertThatThrownBy(() -> FileExecutionJournal.open(journalDirectory, 100, false))
                    .isInstanceOf(JournalInUseException.class)
                    .hasMessageContaining("is already in use by another agent")
                    .hasMessageContaining("one agent per data.dir");
        } finally {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }

        // The operating system drops a dead process's lock: the next agent starts.
        try (FileExecutionJournal journal = FileExecutionJournal.open(journalDirectory, 100, false)) {
            assertThat(journal.find("job-1")).isEmpty();
        }
    }

    /** Runs {@code main} in a child JVM on this classpath, with the journal directory as its argument. */
    private static Process startChild(Class<?> main, Path journalDirectory, Path output) throws IOException {
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        main.getName(),
                        journalDirectory.toString())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    /** A child that opens the journal and keeps it until it is killed. */
    static final class OpenThenWait {

        static final String OPEN = "journal open";

        public static void main(String[] args) throws Exception {
            FileExecutionJournal.open(Path.of(args[0]), 100, false);
            System.out.println(OPEN);
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(5));
        }
    }

    /**
     * The child: records that job-1 starts, without syncing to disk, then halts as a kill would:
     * no shutdown hooks, no close, no flush beyond what {@code started} already did.
     */
    static final class StartThenHalt {

        static final String HALTING = "job-1 started; halting";

        public static void main(String[] args) throws Exception {
            FileExecutionJournal journal = FileExecutionJournal.open(Path.of(args[0]), 100, false);
            journal.started("job-1");
            System.out.println(HALTING);
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
