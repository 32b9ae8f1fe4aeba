package io.printbridge.agent.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.exec.ExecutionJournal.Entry;
import io.printbridge.agent.exec.ExecutionJournal.Entry.State;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.CommandSucceeded;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileExecutionJournalTest {

    private static final Instant NINE_THIRTY = Instant.parse("2025-03-01T09:30:00Z");

    @TempDir
    Path directory;

    private final Clock clock = Clock.fixed(NINE_THIRTY, ZoneOffset.UTC);

    @Test
    void finishedResultIsReplayedAfterReopening() throws IOException {
        try (FileExecutionJournal journal = open(100, true)) {
            journal.started("job-1");
            journal.finished("job-1", printed("job-1", 120));
        }

        try (FileExecutionJournal journal = open(100, true)) {
            assertThat(journal.find("job-1")).contains(Entry.finished("job-1", NINE_THIRTY, printed("job-1", 120)));
        }
    }

    @Test
    void commandStartedButNeverFinishedIsInterruptedAfterReopening() throws IOException {
        try (FileExecutionJournal journal = open(100, false)) {
            journal.started("job-1");
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.RUNNING);
        }

        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-1")).contains(Entry.interrupted("job-1", NINE_THIRTY));
        }
    }

    @Test
    void oldestCommandsAreForgottenPastTheCapacity() throws IOException {
        try (FileExecutionJournal journal = open(3, false)) {
            for (int i = 1; i <= 5; i++) {
                journal.started("job-" + i);
                journal.finished("job-" + i, printed("job-" + i, i));
            }
            assertThat(knownOf(journal, 5)).containsExactly("job-3", "job-4", "job-5");
        }

        try (FileExecutionJournal journal = open(3, false)) {
            assertThat(knownOf(journal, 5)).containsExactly("job-3", "job-4", "job-5");
        }
    }

    @Test
    void compactionKeepsTheFileBoundedAndTheLiveEntriesIntact() throws IOException {
        int capacity = 10;
        try (FileExecutionJournal journal = open(capacity, false)) {
            for (int i = 1; i <= 100; i++) {
                journal.started("job-" + i);
                journal.finished("job-" + i, printed("job-" + i, i));
                assertThat(JournalFileReader.read(journal.file()).records()).hasSizeLessThanOrEqualTo(2 * capacity + 1);
            }
            journal.started("job-101");
        }

        try (FileExecutionJournal journal = open(capacity, false)) {
            assertThat(knownOf(journal, 101))
                    .hasSize(capacity)
                    .startsWith("job-92")
                    .endsWith("job-101");
            assertThat(journal.find("job-100"))
                    .contains(Entry.finished("job-100", NINE_THIRTY, printed("job-100", 100)));
            assertThat(journal.find("job-101").map(Entry::state)).contains(State.INTERRUPTED);
        }
    }

    @Test
    void interruptedCommandStaysInterruptedWhenASmallerCapacityCompactsTheFile() throws IOException {
        try (FileExecutionJournal journal = open(100, false)) {
            for (int i = 1; i <= 30; i++) {
                journal.started("job-" + i);
                journal.finished("job-" + i, printed("job-" + i, i));
            }
            journal.started("lost");
        }
        open(30, false).close(); // 61 records > 2 x 30: compacted at open

        try (FileExecutionJournal journal = open(30, false)) {
            assertThat(JournalFileReader.read(journal.file()).records()).hasSize(30);
            assertThat(journal.find("job-1")).isEmpty();
            assertThat(journal.find("job-2").map(Entry::state)).contains(State.FINISHED);
            assertThat(journal.find("lost")).contains(Entry.interrupted("lost", NINE_THIRTY));
        }
    }

    @Test
    void tornLastRecordIsDroppedAndTheJournalStillOpens() throws IOException {
        Path file;
        try (FileExecutionJournal journal = open(100, false)) {
            file = journal.file();
            journal.started("job-1");
            journal.finished("job-1", printed("job-1", 10));
            journal.started("job-2");
            journal.finished("job-2", printed("job-2", 20));
        }
        truncateBy(file, 3); // the crash came in the middle of job-2's finished record

        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.FINISHED);
            assertThat(journal.find("job-2").map(Entry::state)).contains(State.INTERRUPTED);
            journal.started("job-3");
        }
        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-3").map(Entry::state)).contains(State.INTERRUPTED);
        }
        JournalFileReader.Contents contents = JournalFileReader.read(file);
        assertThat(contents.validLength())
                .as("the file holds whole records only")
                .isEqualTo(contents.fileLength());
    }

    @Test
    void zerosAfterTheLastRecordAreDroppedAsATornWrite() throws IOException {
        Path file;
        try (FileExecutionJournal journal = open(100, false)) {
            file = journal.file();
            journal.started("job-1");
        }
        Files.write(file, new byte[100], StandardOpenOption.APPEND); // a power cut can leave a zero-filled tail

        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.INTERRUPTED);
        }
        assertThat(Files.size(file)).isLessThan(100);
    }

    @Test
    void damagedRecordInTheMiddleIsRefusedNamingTheFileTheOffsetAndWhatToDo() throws IOException {
        Path file;
        try (FileExecutionJournal journal = open(100, false)) {
            file = journal.file();
            journal.started("job-1");
            journal.finished("job-1", printed("job-1", 10));
        }
        int firstRecord = JournalFormat.HEADER_BYTES;
        flipByte(file, firstRecord + JournalFormat.FRAME_HEADER_BYTES + 12); // inside job-1's id

        assertThatThrownBy(() -> open(100, false))
                .isInstanceOfSatisfying(CorruptJournalException.class, e -> {
                    assertThat(e.file()).isEqualTo(file);
                    assertThat(e.offset()).isEqualTo(firstRecord);
                })
                .hasMessageContaining(
                        "journal " + file + " is damaged at byte offset " + firstRecord + ": record CRC32")
                .hasMessageContaining("whole records follow it")
                .hasMessageContaining("move the file away")
                .hasMessageContaining("may print again a command the server redelivers");
    }

    @Test
    void fileThatIsNotAJournalIsRefusedSayingWhatWasExpected() throws IOException {
        Files.writeString(directory.resolve(FileExecutionJournal.FILE_NAME), "printer=receipt\n");

        assertThatThrownBy(() -> open(100, false))
                .isInstanceOf(CorruptJournalException.class)
                .hasMessageContaining("at byte offset 0: header 0x7072696e version 1952805437"
                        + " (expected: a command journal, 0x50424a4c version 1)");
    }

    @Test
    void aSecondJournalOnTheSameDirectoryIsRefusedWhileTheFirstIsOpen() throws IOException {
        try (FileExecutionJournal first = open(100, false)) {
            assertThatThrownBy(() -> open(100, false))
                    .isInstanceOf(JournalInUseException.class)
                    .hasMessageContaining(directory.toString());
        }
        open(100, false).close(); // closed, the directory is free again
    }

    @Test
    void leftoverOfACompactionThatDidNotFinishIsDropped() throws IOException {
        try (FileExecutionJournal journal = open(100, false)) {
            journal.started("job-1");
        }
        Path compacting = directory.resolve(FileExecutionJournal.FILE_NAME + ".compacting");
        Files.write(compacting, new byte[] {1, 2, 3});

        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.INTERRUPTED);
        }
        assertThat(compacting).doesNotExist();
    }

    @Test
    void compactedFileIsTakenWhenTheCrashCameBetweenDeletingTheOldOneAndMovingIt() throws IOException {
        Path file;
        try (FileExecutionJournal journal = open(100, false)) {
            file = journal.file();
            journal.started("job-1");
            journal.finished("job-1", printed("job-1", 10));
        }
        Files.move(file, directory.resolve(FileExecutionJournal.FILE_NAME + ".compacting"));

        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.FINISHED);
        }
    }

    @Test
    void severalPrinterThreadsRecordingAtOnceLoseNothing() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (FileExecutionJournal journal = open(1000, false)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                String printer = "printer-" + t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        journal.started(printer + "/job-" + i);
                        journal.finished(printer + "/job-" + i, printed(printer + "/job-" + i, i));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }

        try (FileExecutionJournal journal = open(1000, false)) {
            for (int t = 0; t < 4; t++) {
                for (int i = 0; i < 100; i++) {
                    String id = "printer-" + t + "/job-" + i;
                    assertThat(journal.find(id)).as(id).contains(Entry.finished(id, NINE_THIRTY, printed(id, i)));
                }
            }
        }
    }

    @Test
    void interruptedThreadStillRecordsTheOutcomeAndKeepsItsInterrupt() throws IOException {
        try (FileExecutionJournal journal = open(100, true)) {
            journal.started("job-1");
            Thread.currentThread().interrupt(); // a printer worker being shut down
            try {
                journal.finished("job-1", printed("job-1", 10));
            } finally {
                assertThat(Thread.interrupted()).isTrue();
            }
            journal.started("job-2"); // the journal's file is still open for the other threads
        }

        try (FileExecutionJournal journal = open(100, false)) {
            assertThat(journal.find("job-1").map(Entry::state)).contains(State.FINISHED);
            assertThat(journal.find("job-2").map(Entry::state)).contains(State.INTERRUPTED);
        }
    }

    @Test
    void capacityBelowOneIsRefused() {
        assertThatThrownBy(() -> open(0, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("capacity: 0 (expected: at least 1)");
    }

    private FileExecutionJournal open(int capacity, boolean syncToDisk) throws IOException {
        return FileExecutionJournal.open(directory, capacity, syncToDisk, clock);
    }

    private static List<String> knownOf(ExecutionJournal journal, int last) {
        List<String> known = new ArrayList<>();
        for (int i = 1; i <= last; i++) {
            journal.find("job-" + i).ifPresent(entry -> known.add(entry.commandId()));
        }
        return known;
    }

    static CommandResult printed(String id, long bytes) {
        return CommandResult.newBuilder()
                .setCommandId(id)
                .setSucceeded(CommandSucceeded.newBuilder().setBytesWritten(bytes))
                .build();
    }

    private static void truncateBy(Path file, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - bytes);
        }
    }

    private static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x40;
        Files.write(file, bytes);
    }
}
