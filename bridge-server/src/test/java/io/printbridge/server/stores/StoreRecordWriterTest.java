package io.printbridge.server.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterState;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.server.db.StoreChanges;
import io.printbridge.server.db.StoreRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Store records coalesced: however many heartbeats and status changes arrive, a store costs at
 * most one write per flush, and a heartbeat alone is written only every few minutes. The writes
 * are caught on their way to the database; the flushes are called by hand.
 */
class StoreRecordWriterTest {

    private static final Instant T0 = Instant.parse("2026-12-04T08:00:00Z");

    private final List<List<StoreChanges>> writes = new ArrayList<>();
    private final StoreRecords records = new StoreRecords(null, null) {
        @Override
        public void write(List<StoreChanges> changes) {
            writes.add(List.copyOf(changes));
        }
    };
    // Flushed by the tests, not by the timer.
    private final StoreRecordWriter writer = new StoreRecordWriter(records, Duration.ofHours(1), Duration.ofMinutes(5));

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void aThousandStatusChangesOfAStoreAreOneWriteWithTheLatestStatus() {
        for (int i = 0; i < 1000; i++) {
            writer.printerStatus("alger-01", "receipt", status(i % 2 == 0 ? "paper out" : "ready"), T0.plusMillis(i));
        }

        writer.flush();

        assertThat(writes).hasSize(1);
        assertThat(writes.get(0)).singleElement().satisfies(change -> {
            assertThat(change.statuses()).containsOnlyKeys("receipt");
            assertThat(change.statuses().get("receipt").status().getDetail()).isEqualTo("ready");
        });
    }

    @Test
    void heartbeatsAloneAreNotWrittenUntilTheSeenIntervalHasPassed() {
        writer.seen("alger-01", T0);
        writer.flush(); // the first "last seen" of a store is written
        for (int second = 15; second < 240; second += 15) {
            writer.seen("alger-01", T0.plusSeconds(second));
            writer.flush();
        }
        assertThat(writes)
                .as("one write for the first heartbeat, none for the next 15")
                .hasSize(1);

        writer.seen("alger-01", T0.plusSeconds(300));
        writer.flush();

        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).get(0).seenAt()).isEqualTo(T0.plusSeconds(300));
    }

    @Test
    void aDisconnectionIsWrittenAtTheNextFlushWithTheLastSeenTime() {
        writer.seen("alger-01", T0);
        writer.flush();
        writer.seen("alger-01", T0.plusSeconds(15));
        writer.disconnected("alger-01", T0.plusSeconds(20));

        writer.flush();

        assertThat(writes).hasSize(2);
        assertThat(writes.get(1).get(0).disconnectedAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void aReconnectionReplacesWhatTheEarlierConnectionAndItsEndWouldHaveWritten() {
        writer.connected("alger-01", hello("0.1.0"), T0, null);
        writer.disconnected("alger-01", T0.plusSeconds(1));
        writer.connected("alger-01", hello("0.2.0"), T0.plusSeconds(2), T0.plusSeconds(90 * 86_400));

        writer.flush();

        StoreChanges change = writes.get(0).get(0);
        assertThat(change.connected().hello().getAgentVersion()).isEqualTo("0.2.0");
        assertThat(change.disconnectedAt()).isNull();
    }

    @Test
    void manyStoresAreWrittenInOneGoAndAFailedWriteIsTriedAgainUnderWhatCameSince() {
        List<List<StoreChanges>> attempts = new ArrayList<>();
        StoreRecords failingOnce = new StoreRecords(null, null) {
            @Override
            public void write(List<StoreChanges> changes) {
                attempts.add(List.copyOf(changes));
                if (attempts.size() == 1) {
                    throw new IllegalStateException("database gone");
                }
            }
        };
        try (StoreRecordWriter flaky = new StoreRecordWriter(failingOnce, Duration.ofHours(1), Duration.ofMinutes(5))) {
            flaky.printerStatus("alger-01", "receipt", status("paper out"), T0);
            flaky.printerStatus("oran-02", "receipt", status("ready"), T0);
            try {
                flaky.flush();
            } catch (IllegalStateException expected) {
                // logged; kept for the next flush
            }
            flaky.printerStatus("alger-01", "kitchen", status("ready"), T0.plusSeconds(1));

            flaky.flush();

            assertThat(attempts.get(0)).hasSize(2);
            assertThat(attempts.get(1)).hasSize(2);
            StoreChanges alger = attempts.get(1).stream()
                    .filter(c -> c.storeId().equals("alger-01"))
                    .findFirst()
                    .orElseThrow();
            assertThat(alger.statuses()).containsOnlyKeys("receipt", "kitchen");
        }
    }

    @Test
    void aStopDoesNotWaitForADatabaseThatNeverAnswers() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        StoreRecords silent = new StoreRecords(null, null) {
            @Override
            public void write(List<StoreChanges> changes) {
                writing.countDown();
                try {
                    answer.await(); // a connection whose database never answers
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        StoreRecordWriter stopping = new StoreRecordWriter(
                silent, Duration.ofHours(1), Duration.ofMinutes(5), stores -> {}, Duration.ofMillis(100));
        stopping.disconnected("alger-01", T0);

        try {
            assertTimeoutPreemptively(Duration.ofSeconds(30), stopping::close, "the stop waited for the database");

            assertThat(writing.await(30, TimeUnit.SECONDS))
                    .as("the last write was tried")
                    .isTrue();
            assertThat(answer.getCount()).as("and is still waiting").isEqualTo(1);
        } finally {
            answer.countDown();
        }
    }

    private static PrinterStatus status(String detail) {
        return PrinterStatus.newBuilder()
                .setState(
                        detail.equals("ready")
                                ? PrinterState.PRINTER_STATE_READY
                                : PrinterState.PRINTER_STATE_NOT_READY)
                .setDetail(detail)
                .build();
    }

    private static Hello hello(String version) {
        return Hello.newBuilder()
                .setAgentVersion(version)
                .addPrinters(Printer.newBuilder().setName("receipt").setIsDefault(true))
                .build();
    }
}
