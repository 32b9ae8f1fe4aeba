package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.sse.Event;
import io.printbridge.server.api.ApiError;
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
    static final String OVERFLOW = "overflow";

    private final ObjectMapper json;

    LiveEventEncoder(ObjectMapper json) {
        this.json = requireNonNull(json, "json");
    }

    LiveEvent encode(BridgeEvent event) {
        Object data;
        String name;
        if (event instanceof BridgeEvent.JobChanged changed) {
            name = JOB;
            data = JobSummary.of(changed.job());
        } else if (event instanceof BridgeEvent.StoreChanged changed) {
            name = STORE;
            data = new StoreSummary(changed.storeId(), changed.online(), changed.detail(), changed.at());
        } else {
            throw new IllegalArgumentException(
                    "event: " + event.getClass().getName() + " (expected: JobChanged or StoreChanged)");
        }
        return new LiveEvent(name, write(data));
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
