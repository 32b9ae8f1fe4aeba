package io.printbridge.server.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.proto.ProtoTimestamps;
import io.printbridge.proto.v1.ClockInfo;
import io.printbridge.proto.v1.ClockState;
import io.printbridge.proto.v1.ClockStatus;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Which reports of a clock make an event: a new state, and the drift crossing a minute, once each way. */
class ClockChangesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T07:00:00Z");

    private static ClockRecord configured() {
        return new ClockRecord(
                "alger-01",
                "entrance",
                "10.0.0.9:4370",
                "tcp",
                "Africa/Algiers",
                "UNKNOWN",
                "",
                null,
                null,
                null,
                true,
                NOW);
    }

    /** An ONLINE report whose clock reads {@code clockLocal} (Algiers) when the server's time is {@link #NOW}. */
    private static ClockStatus online(String clockLocal) {
        return ClockStatus.newBuilder()
                .setState(ClockState.CLOCK_STATE_ONLINE)
                .setInfo(ClockInfo.newBuilder()
                        .setSerialNumber("CK1")
                        .setClockTime(clockLocal)
                        .setReadAt(ProtoTimestamps.of(NOW)))
                .build();
    }

    @Test
    void theDriftIsTheClocksTimeMinusTheServersInTheClocksZone() {
        ClockRecord clock = ClockRegistry.updated(configured(), online("2026-12-05T08:01:30"), NOW);
        assertThat(clock.driftSeconds()).isEqualTo(90);
        assertThat(ClockRegistry.drift(online("2026-12-05T07:59:00").getInfo(), ZoneId.of("Africa/Algiers")))
                .isEqualTo(-60);
    }

    @Test
    void aNewStateIsAStatusEventAndTheSameStateAgainIsNone() {
        ClockRecord first = ClockRegistry.updated(configured(), online("2026-12-05T08:00:00"), NOW);
        assertThat(ClockRegistry.change(configured(), first))
                .extracting(ClockChangedView::event)
                .isEqualTo("clock.status");
        ClockRecord again = ClockRegistry.updated(first, online("2026-12-05T08:00:05"), NOW);
        assertThat(ClockRegistry.change(first, again)).isNull();
        ClockRecord away = ClockRegistry.updated(
                again,
                ClockStatus.newBuilder()
                        .setState(ClockState.CLOCK_STATE_OFFLINE)
                        .setDetail("10.0.0.9:4370: no answer")
                        .build(),
                NOW);
        ClockChangedView change = ClockRegistry.change(again, away);
        assertThat(change).isNotNull();
        assertThat(change.state()).isEqualTo("OFFLINE");
        assertThat(change.detail()).contains("10.0.0.9:4370");
    }

    @Test
    void aDriftPastAMinuteIsToldOnceAndItsReturnOnce() {
        ClockRecord fine = ClockRegistry.updated(configured(), online("2026-12-05T08:00:10"), NOW);
        ClockRecord off = ClockRegistry.updated(fine, online("2026-12-05T08:02:00"), NOW);
        assertThat(ClockRegistry.change(fine, off))
                .extracting(ClockChangedView::event)
                .isEqualTo("clock.drift");
        ClockRecord stillOff = ClockRegistry.updated(off, online("2026-12-05T08:03:00"), NOW);
        assertThat(ClockRegistry.change(off, stillOff)).isNull();
        ClockRecord back = ClockRegistry.updated(stillOff, online("2026-12-05T08:00:00"), NOW);
        assertThat(ClockRegistry.change(stillOff, back))
                .extracting(ClockChangedView::driftSeconds)
                .isEqualTo(0L);
    }
}
