package io.printbridge.server.metrics;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import io.printbridge.server.grpc.HandshakeAdmission;
import io.printbridge.server.grpc.SessionTicketKeys;
import io.printbridge.server.grpc.UnauthenticatedConnections;
import jakarta.inject.Singleton;
import java.util.function.ToDoubleFunction;

/**
 * How the agents' TLS handshakes are admitted, read from the {@link HandshakeAdmission} at each
 * scrape:
 *
 * <ul>
 *   <li>{@code bridge.agents.handshakes.in.progress}: handshakes that hold a slot now;
 *   <li>{@code bridge.agents.handshakes.queued}: connections waiting for a slot, unread;
 *   <li>{@code bridge.agents.handshakes{outcome}}: a counter per outcome, {@code completed} and
 *       {@code failed} (admitted handshakes), {@code refused} (closed at once, the queue full) and
 *       {@code expired} (closed after waiting the queue's deadline), {@code abandoned} (closed by the
 *       client while it waited: agents older than the queue's deadline, see {@code
 *       handshake-queue-timeout}), {@code address_limit} (closed as it was accepted: its address held
 *       the most connections without a certificate, see UnauthenticatedConnections). {@code rate(...[1m])} of
 *       {@code completed} is the handshakes the server serves per second; a rising {@code expired}
 *       says a fleet dials faster than that ({@code refused} stays 0 while the accept limiter holds);
 *   <li>{@code bridge.agents.handshakes.accept.paused} (1 while the port accepts nothing) and the
 *       counter {@code bridge.agents.handshakes.accept.pauses}: a fleet dialling at once, held in the
 *       kernel;
 *   <li>{@code bridge.agents.handshakes.resumed}: completed handshakes that resumed a TLS session from
 *       its ticket, without the certificate checks (after a restart, most of a fleet that had
 *       connected within the tickets' 48 h; see SessionTicketKeys).
 * </ul>
 */
@Singleton
@Requires(notEnv = "cli")
final class HandshakeMetrics implements MeterBinder {

    static final String PREFIX = "bridge.agents.handshakes";

    private final HandshakeAdmission admission;
    private final UnauthenticatedConnections unauthenticated;
    private final SessionTicketKeys ticketKeys;

    HandshakeMetrics(
            HandshakeAdmission admission, UnauthenticatedConnections unauthenticated, SessionTicketKeys ticketKeys) {
        this.admission = requireNonNull(admission, "admission");
        this.unauthenticated = requireNonNull(unauthenticated, "unauthenticated");
        this.ticketKeys = requireNonNull(ticketKeys, "ticketKeys");
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PREFIX + ".in.progress", admission, HandshakeAdmission::inProgress)
                .description("Agent TLS handshakes running now (at most max-concurrent-handshakes)")
                .register(registry);
        Gauge.builder(PREFIX + ".queued", admission, HandshakeAdmission::queued)
                .description("Agent connections waiting for a TLS handshake slot, unread")
                .register(registry);
        Gauge.builder(PREFIX + ".accept.paused", admission, a -> a.acceptingPaused() ? 1 : 0)
                .description("1 while the agents' port accepts no connection: the handshake slots and queue are"
                        + " taken, new dials wait in the kernel")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".accept.pauses", admission, HandshakeAdmission::pauses)
                .description("Times the agents' port stopped accepting because the handshake slots and queue were"
                        + " taken")
                .register(registry);
        FunctionCounter.builder(PREFIX + ".resumed", ticketKeys, SessionTicketKeys::resumedHandshakes)
                .description("Agent TLS handshakes that resumed a session from its ticket (no certificate checks)")
                .register(registry);
        outcome(registry, "completed", HandshakeAdmission::completed);
        outcome(registry, "failed", HandshakeAdmission::failed);
        outcome(registry, "refused", HandshakeAdmission::refused);
        outcome(registry, "expired", HandshakeAdmission::expired);
        outcome(registry, "abandoned", HandshakeAdmission::abandoned);
        outcome(registry, "address_limit", unauthenticated, UnauthenticatedConnections::refused);
    }

    private void outcome(MeterRegistry registry, String outcome, ToDoubleFunction<HandshakeAdmission> count) {
        outcome(registry, outcome, admission, count);
    }

    /** One description for every outcome: a Prometheus metric has one help text. */
    private static <T> void outcome(MeterRegistry registry, String outcome, T source, ToDoubleFunction<T> count) {
        FunctionCounter.builder(PREFIX, source, count)
                .tag("outcome", outcome)
                .description("Agent connections by what became of their TLS handshake (see HandshakeMetrics)")
                .register(registry);
    }
}
