package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.http.sse.Event;
import io.printbridge.server.live.LiveEventHub;
import io.printbridge.server.live.TooManyStreamsException;
import org.reactivestreams.Publisher;

/**
 * {@code GET /dashboard/events}: the same live events as the API's {@code /api/v1/events} (the
 * same hub: bounded per client, heartbeats, an overflow ends the stream), authenticated by the
 * session cookie instead of a bearer token, at most {@code bridge.live.max-streams-per-reader} per
 * user at once (429 past it). Dashboard users see every store. The page's script
 * re-reads its {@code <main>} when one arrives.
 */
@Controller("/dashboard/events")
final class EventsController {

    private final LiveEventHub hub;

    EventsController(LiveEventHub hub) {
        this.hub = requireNonNull(hub, "hub");
    }

    @Get(produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> events(@RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session) {
        try {
            return hub.open(
                    "dashboard user " + session.user().auditName(),
                    session.user().auditName(),
                    store -> true);
        } catch (TooManyStreamsException e) {
            throw new HttpStatusException(HttpStatus.TOO_MANY_REQUESTS, e.explanation());
        }
    }
}
