package io.printbridge.server.streams;

import io.printbridge.proto.v1.DisconnectReason;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live stream of each store, at most one: a second connection for the same store replaces
 * the first, which is told SUPERSEDED and closed. (Later, revocation cuts a store's stream here.)
 */
@Singleton
public final class AgentRegistry {

    private static final Logger log = LoggerFactory.getLogger(AgentRegistry.class);

    private final ConcurrentHashMap<String, AgentSession> sessions = new ConcurrentHashMap<>();

    /**
     * Makes {@code session} the store's stream.
     *
     * @return the stream it replaced, already told and closed, or null
     */
    public @Nullable AgentSession attach(AgentSession session) {
        AgentSession previous = sessions.put(session.storeId(), session);
        if (previous != null && previous != session) {
            log.warn("{} replaces {}: closing the older stream", session, previous);
            previous.disconnect(DisconnectReason.DISCONNECT_REASON_SUPERSEDED, Duration.ZERO,
                    "a newer connection for store " + session.storeId() + " replaced this one");
            return previous;
        }
        return null;
    }

    /** Forgets {@code session} if it is still its store's stream; true if it was. */
    public boolean detach(AgentSession session) {
        return sessions.remove(session.storeId(), session);
    }

    public Optional<AgentSession> find(String storeId) {
        return Optional.ofNullable(sessions.get(storeId));
    }

    public List<AgentSession> all() {
        return List.copyOf(sessions.values());
    }
}
