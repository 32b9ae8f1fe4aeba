package io.printbridge.server.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.server.testing.LogCapture;
import io.printbridge.server.testing.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusChangeLogTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final StatusChangeLog statusLog = new StatusChangeLog(clock, Duration.ofSeconds(60));
    private final LogCapture log = new LogCapture(StatusChangeLog.class.getName());

    @AfterEach
    void detach() {
        log.close();
    }

    @Test
    void aSingleChangeIsOneLineAtOnce() {
        statusLog.changed("alger-01", "receipt", "paper out");

        assertThat(log.messages()).containsExactly("printer receipt of store alger-01 is now paper out");
    }

    @Test
    void aFlappingPrinterWritesOneLineThenOneSummaryPerWindow() {
        statusLog.changed("alger-01", "receipt", "paper out");
        for (int i = 0; i < 411; i++) {
            clock.advance(Duration.ofMillis(100));
            statusLog.changed("alger-01", "receipt", i % 2 == 0 ? "ready" : "paper out");
        }

        assertThat(log.messages()).hasSize(1);
        clock.advance(Duration.ofSeconds(30));
        statusLog.flush("alger-01");

        assertThat(log.messages())
                .containsExactly(
                        "printer receipt of store alger-01 is now paper out",
                        "printer receipt of store alger-01 changed status 412 times in the last 60 s; now: ready");
    }

    @Test
    void theNextChangeAfterTheWindowSumsUpTheLastAndIsWrittenItself() {
        statusLog.changed("alger-01", "receipt", "paper out");
        clock.advance(Duration.ofSeconds(1));
        statusLog.changed("alger-01", "receipt", "ready");
        clock.advance(Duration.ofSeconds(60));
        statusLog.changed("alger-01", "receipt", "cover open");

        assertThat(log.messages())
                .containsExactly(
                        "printer receipt of store alger-01 is now paper out",
                        "printer receipt of store alger-01 changed status 2 times in the last 60 s; now: ready",
                        "printer receipt of store alger-01 is now cover open");
    }

    @Test
    void eachPrinterOfEachStoreHasItsOwnWindow() {
        statusLog.changed("alger-01", "receipt", "paper out");
        statusLog.changed("alger-01", "kitchen", "offline");
        statusLog.changed("blida-03", "receipt", "cover open");

        assertThat(log.messages()).hasSize(3);
    }

    @Test
    void aFlushBeforeTheWindowIsOverWritesNothing() {
        statusLog.changed("alger-01", "receipt", "paper out");
        statusLog.changed("alger-01", "receipt", "ready");
        clock.advance(Duration.ofSeconds(59));

        statusLog.flush("alger-01");

        assertThat(log.messages()).containsExactly("printer receipt of store alger-01 is now paper out");
    }

    @Test
    void theAgentsTextIsMadeSafe() {
        statusLog.changed("alger-01", "receipt", "paper out\n10:00:00 INFO forged");

        assertThat(log.messages())
                .containsExactly("printer receipt of store alger-01 is now paper out\\n10:00:00 INFO forged");
    }
}
