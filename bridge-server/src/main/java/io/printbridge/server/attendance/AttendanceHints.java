package io.printbridge.server.attendance;

import static java.util.Objects.requireNonNull;

import io.printbridge.server.events.BridgeEvent;
import io.printbridge.server.events.BridgeEvents;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What another server's attendance hints make this one show: the punches and clock changes it
 * stored, read back from the database and published here, so that live events opened on any
 * server of a cluster carry {@code attendance.recorded}, {@code clock.status} and {@code
 * clock.drift} whichever server holds the shop's stream. Webhooks need none of this: their rows
 * are written with the punches, and any server sends them.
 */
@Singleton
public final class AttendanceHints {

    private final PunchStore punches;
    private final ClockRegistry clocks;
    private final BridgeEvents events;

    AttendanceHints(PunchStore punches, ClockRegistry clocks, BridgeEvents events) {
        this.punches = requireNonNull(punches, "punches");
        this.clocks = requireNonNull(clocks, "clocks");
        this.events = requireNonNull(events, "events");
    }

    /** Another server stored {@code storeId}'s punches with ids from {@code firstId} to {@code lastId}. */
    public void punchesStored(String storeId, long firstId, long lastId) {
        Map<String, List<StoredPunch>> byClock = new LinkedHashMap<>();
        for (StoredPunch punch : punches.stored(storeId, firstId, lastId)) {
            byClock.computeIfAbsent(punch.clock(), clock -> new ArrayList<>()).add(punch);
        }
        for (Map.Entry<String, List<StoredPunch>> clock : byClock.entrySet()) {
            Instant stored = clock.getValue().stream()
                    .map(StoredPunch::receivedAt)
                    .max(Instant::compareTo)
                    .orElseThrow();
            events.publish(new BridgeEvent.AttendanceRecorded(storeId, clock.getKey(), clock.getValue(), stored));
        }
    }

    /** Another server wrote a change of {@code storeId}'s clocks. */
    public void clocksChanged(String storeId) {
        clocks.changedElsewhere(storeId);
    }
}
