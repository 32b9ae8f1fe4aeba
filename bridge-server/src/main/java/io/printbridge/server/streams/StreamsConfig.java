package io.printbridge.server.streams;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * What one agent stream may cost the server ({@code bridge.streams.*}), so that no shop can slow
 * another. A working agent stays far inside every limit: it says Hello at once, sends a heartbeat
 * every 15 s, a status change now and then, and at most two messages per job (an acknowledgement
 * and a result) at the pace its printer prints.
 *
 * @param helloTimeout a stream that has not said Hello this long after it opened is closed
 * @param maxAwaitingHelloPerStore streams of one store's certificate that may wait for their Hello
 *     at once; more are refused (a certificate cannot hold hundreds of half-open streams)
 * @param maxMessagesPerSecond the sustained rate of messages one stream may send; beyond the burst
 *     the stream is closed with RESOURCE_EXHAUSTED
 * @param messageBurst how many messages may arrive at once above the sustained rate
 * @param maxBytesPerSecond the sustained rate of message bytes one stream may send
 * @param byteBurst how many bytes may arrive at once above the sustained rate (at least the
 *     largest message, {@code bridge.grpc.max-inbound-message-bytes})
 * @param maxOutboundStall how long the server waits for an agent to read (its transport ready
 *     again) while something waits to be sent to it; past that the stream is closed, never
 *     buffered without end
 * @param checkInterval how often every stream is looked at for the deadlines above
 * @param maxConnectsPerMinute the sustained rate at which one store's certificate may open streams;
 *     each welcomed stream reads the store's queue, so an agent that reconnects in a loop would
 *     cost the database a read each time (a working agent reconnects after a backoff of seconds)
 * @param connectBurst how many streams one store may open at once above that rate
 * @param refusalDelay how long a refused stream waits for its refusal (not read meanwhile), so an
 *     agent that reconnects the moment it is refused does so once per delay
 * @param supersededRetry when an agent whose stream another one of its store replaced may dial
 *     again (revision 3 agents wait that long; older ones stop): a one-shot impostor keeps the real
 *     shop offline no longer than this, while the conflict is recorded for IT
 * @param returnsPerSecond how many agents per second a server that restarts takes back: a stopping
 *     server asks its agents back spread over {@code streams / returnsPerSecond} seconds (at least
 *     4), so they arrive about as fast as the next server admits their TLS handshakes; each Welcome
 *     tells its agent the same window for a crash, a stop without notice (AgentStreams#returnWindow).
 *     1,000: agents that resume their TLS session are served that fast, and a fleet whose sessions
 *     cannot be resumed (tickets older than 48 h) is held by the handshake queue, back no later than
 *     with the 500 of before (BENCHMARKS.md, "Resumed sessions")
 */
@ConfigurationProperties("bridge.streams")
public record StreamsConfig(
        @Bindable(defaultValue = "10s") @NotNull Duration helloTimeout,
        @Bindable(defaultValue = "4") @Positive int maxAwaitingHelloPerStore,
        @Bindable(defaultValue = "1000") @Positive int maxMessagesPerSecond,
        @Bindable(defaultValue = "2000") @Positive int messageBurst,
        @Bindable(defaultValue = "1048576") @Positive long maxBytesPerSecond,
        @Bindable(defaultValue = "4194304") @Positive long byteBurst,
        @Bindable(defaultValue = "60s") @NotNull Duration maxOutboundStall,
        @Bindable(defaultValue = "1s") @NotNull Duration checkInterval,
        @Bindable(defaultValue = "30") @Positive int maxConnectsPerMinute,
        @Bindable(defaultValue = "10") @Positive int connectBurst,
        @Bindable(defaultValue = "5s") @NotNull Duration refusalDelay,
        @Bindable(defaultValue = "60s") @NotNull Duration supersededRetry,
        @Bindable(defaultValue = "1000") @Positive int returnsPerSecond) {

    /** The defaults, for tests that build streams by hand. */
    public static StreamsConfig defaults() {
        return new StreamsConfig(
                Duration.ofSeconds(10),
                4,
                1000,
                2000,
                1 << 20,
                4 << 20,
                Duration.ofSeconds(60),
                Duration.ofSeconds(1),
                30,
                10,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                1000);
    }
}
