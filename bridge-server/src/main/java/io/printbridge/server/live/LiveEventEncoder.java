package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.sse.Event;
import io.printbridge.server.api.ApiError;
import io.printbridge.server.api.Scope;
import io.printbridge.server.attendance.AttendanceRecordedView;
import io.printbridge.server.attendance.ClockChangedView;
import io.printbridge.server.events.BridgeEvent;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;

/**
 * Turns a {@link BridgeEvent} into the server-sent event the ERP reads: {@code event: job} with
 * the job's JSON, or {@code event: store} with the store's change. The JSON is written once per
 * event, with the API's own mapper (ISO dates, no nulls), and shared by every stream; each
 * stream gives it its own id.
 */
@Singleton
final class LiveEventEncoder {

    static final String JOB = "job";
    static final String STORE = "store";
    static final String ATTENDANCE = "attendance";
    static final String CLOCK = "clock";
    static final String OVERFLOW = "overflow";

    private final ObjectMapper json;

    LiveEventEncoder(ObjectMapper json) {
        this.json = requireNonNull(json, "json");
    }

    LiveEvent encode(BridgeEvent event) {
        if (event instanceof BridgeEvent.JobChanged changed) {
            // A clock's job is attendance's business: a token that only prints does not see it.
            Scope needs = changed.job().type().forClock() ? Scope.ATTENDANCE : Scope.PRINT;
            return new LiveEvent(JOB, write(JobSummary.of(changed.job())), needs);
        }
        if (event instanceof BridgeEvent.StoreChanged changed) {
            return new LiveEvent(
                    STORE,
                    write(new StoreSummary(changed.storeId(), changed.online(), changed.detail(), changed.at())),
                    null);
        }
        if (event instanceof BridgeEvent.AttendanceRecorded recorded) {
            return new LiveEvent(
                    ATTENDANCE,
                    write(AttendanceRecordedView.of(recorded.storeId(), recorded.clock(), recorded.punches())),
                    Scope.ATTENDANCE);
        }
        if (event instanceof BridgeEvent.ClockChanged changed) {
            return new LiveEvent(
                    CLOCK,
                    write(new ClockChangedView(
                            changed.event(),
                            changed.storeId(),
                            changed.clock(),
                            changed.state(),
                            changed.detail(),
                            changed.driftSeconds(),
                            changed.at())),
                    Scope.ATTENDANCE);
        }
        throw new IllegalArgumentException("event: " + event.getClass().getName()
                + " (expected: JobChanged, StoreChanged, AttendanceRecorded or ClockChanged)");
    }

    /** The last event of a stream whose client fell too far behind: it says so, in the API's error format. */
    Event<String> overflow(int buffer) {
        return Event.of(
                        write(
                                ApiError.of(
                                        "STREAM_OVERFLOW",
                                        "this stream fell more than " + buffer
                                                + " events behind (bridge.live.buffer) and was ended; reconnect and re-read the jobs you follow by id")))
                .name(OVERFLOW);
    }

    private String write(Object data) {
        try {
            return json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write " + data.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
