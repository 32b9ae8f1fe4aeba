package io.printbridge.server.live;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.sse.Event;
import io.printbridge.server.api.ApiClient;
import io.printbridge.server.api.ApiException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

/**
 * {@code GET /api/v1/events}: job and store changes as server-sent events, for the stores the
 * caller's token may use ({@code ?store=<id>} for one of them). Behind the API's bearer-token
 * filter like every {@code /api/} call. A token holds at most {@code
 * bridge.live.max-streams-per-reader} streams at once; one more is {@code 429 TOO_MANY_STREAMS}.
 */
@Controller("/api/v1/events")
final class LiveEventsController {

    private final LiveEventHub hub;

    LiveEventsController(LiveEventHub hub) {
        this.hub = requireNonNull(hub, "hub");
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> events(
            @QueryValue("store") @Nullable String store, @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        String reader = "token " + client.name();
        try {
            if (store == null) {
                return hub.open(reader, client.name() + ", all its stores", client::mayUse, client::has);
            }
            client.requireStore("store", store);
            Predicate<String> onlyThatStore = store::equals;
            return hub.open(reader, client.name() + ", store " + store, onlyThatStore, client::has);
        } catch (TooManyStreamsException e) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_STREAMS", e.explanation());
        }
    }
}
