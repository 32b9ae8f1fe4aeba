package io.printbridge.server.streams;

import io.printbridge.proto.ProtoDurations;
import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.printbridge.proto.v1.Disconnect;
import io.printbridge.proto.v1.DisconnectReason;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.ServerMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent stream on the server: the store it belongs to (from its certificate), what it said
 * in its Hello, and the outbound side. Sends are serialised here because a gRPC stream observer
 * is not thread-safe; {@link #isReady()} is what the job pump checks before sending more.
 */
public final class AgentSession {

    private static final Logger log = LoggerFactory.getLogger(AgentSession.class);
    private static final AtomicLong NUMBERS = new AtomicLong();

    private final String storeId;
    private final long number = NUMBERS.incrementAndGet();
    private final String peer;
    private final ServerCallStreamObserver<ServerMessage> outbound;
    private final Instant openedAt;
    private volatile @Nullable Hello hello;
    private volatile Instant lastSeen;
    private boolean closed;

    public AgentSession(String storeId, String peer, ServerCallStreamObserver<ServerMessage> outbound, Instant now) {
        this.storeId = requireNonNull(storeId, "storeId");
        this.peer = requireNonNull(peer, "peer");
        this.outbound = requireNonNull(outbound, "outbound");
        this.openedAt = now;
        this.lastSeen = now;
    }

    public String storeId() {
        return storeId;
    }

    /** Distinguishes a store's successive streams in logs. */
    public long number() {
        return number;
    }

    public String peer() {
        return peer;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public @Nullable Hello hello() {
        return hello;
    }

    public void hello(Hello value) {
        this.hello = value;
    }

    public Instant lastSeen() {
        return lastSeen;
    }

    public void seen(Instant at) {
        this.lastSeen = at;
    }

    /** True when the transport can take another message without buffering it. */
    public boolean isReady() {
        synchronized (this) {
            return !closed && outbound.isReady();
        }
    }

    /** Sends {@code message}; false when the stream is already closed. */
    public synchronized boolean send(ServerMessage message) {
        if (closed) {
            return false;
        }
        try {
            outbound.onNext(message);
            return true;
        } catch (RuntimeException e) {
            // Cancelled by the peer between our check and the send: the cancel handler cleans up.
            log.debug("store {} stream #{}: send failed: {}", storeId, number, e.toString());
            closed = true;
            return false;
        }
    }

    /** Tells the agent why this stream ends and when to come back, then closes it. */
    public void disconnect(DisconnectReason reason, Duration reconnectAfter, String message) {
        send(ServerMessage.newBuilder()
                .setDisconnect(Disconnect.newBuilder()
                        .setReason(reason)
                        .setReconnectAfter(ProtoDurations.of(reconnectAfter))
                        .setMessage(message))
                .build());
        complete();
    }

    /** Ends the stream with {@code status} (a refused message), unless it is closed already. */
    public synchronized void fail(Status status) {
        if (!closed) {
            closed = true;
            try {
                outbound.onError(status.asRuntimeException());
            } catch (RuntimeException e) {
                log.debug("store {} stream #{}: failing it failed: {}", storeId, number, e.toString());
            }
        }
    }

    /** Closes the outbound side (idempotent). */
    public synchronized void complete() {
        if (!closed) {
            closed = true;
            try {
                outbound.onCompleted();
            } catch (RuntimeException e) {
                log.debug("store {} stream #{}: completing failed: {}", storeId, number, e.toString());
            }
        }
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public String toString() {
        return "store " + storeId + " stream #" + number + " from " + peer;
    }
}
