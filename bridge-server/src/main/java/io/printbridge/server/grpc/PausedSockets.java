package io.printbridge.server.grpc;

import java.util.LinkedHashSet;

/**
 * The listening sockets one bound told to pause ({@link HandshakeAdmission}, {@link
 * AgentConnectionBudget}), each once, to be told to resume together. Not thread-safe: the bound
 * calls it under its own lock, so that a pause and the resume after it reach a socket in order.
 */
final class PausedSockets {

    private final LinkedHashSet<ListeningSocket> paused = new LinkedHashSet<>();

    /** Tells {@code socket} to pause unless it already is; whether it was told now. */
    boolean pause(ListeningSocket socket) {
        if (!paused.add(socket)) {
            return false;
        }
        socket.pause();
        return true;
    }

    /** Tells every paused socket to resume. */
    void resumeAll() {
        paused.forEach(ListeningSocket::resume);
        paused.clear();
    }

    /** Whether some socket is paused. */
    boolean any() {
        return !paused.isEmpty();
    }
}
