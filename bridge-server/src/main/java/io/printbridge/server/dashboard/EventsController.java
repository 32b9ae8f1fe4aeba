package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.http.sse.Event;
import io.printbridge.server.live.LiveEventHub;
import org.reactivestreams.Publisher;

/**
 * {@code GET /dashboard/events}: the same live events as the API's {@code /api/v1/events} (the
 * same hub: bounded per client, heartbeats, an overflow ends the stream), authenticated by the
 * session cookie instead of a bearer token. Dashboard users see every store. The page's script
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
        return hub.open(session.user().auditName(), store -> true);
    }
}
