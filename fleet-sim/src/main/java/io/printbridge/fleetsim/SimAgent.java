package io.printbridge.fleetsim;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.printbridge.agent.link.Backoff;
import io.printbridge.agent.link.DialChannel;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.Disconnect;
import io.printbridge.proto.v1.Heartbeat;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One simulated store agent: the real agent's link ({@code AgentLink}) without its threads. It
 * dials with its own certificate, says Hello, beats at the interval the Welcome gives, answers
 * commands at once, and when a stream ends dials again after the real agent's backoff with full
 * jitter, or after the server's {@code Disconnect.reconnect_after}. A dial that fails before its
 * Welcome moves on to the next server of the list, so a fleet spread over replicas finds a live
 * one. All it holds is a few fields and the current stream: it runs on the shared event loops and
 * the shared scheduler.
 */
final class SimAgent {

    enum State {
        /** Built; {@link #start} not called yet. */
        NEW,
        /** A stream is open and the Hello sent; waiting for the Welcome. */
        CONNECTING,
        /** Welcomed: heartbeats and commands flow. */
        CONNECTED,
        /** Waiting out a backoff (or the server's reconnect_after) before dialling again. */
        WAITING,
        /** Closed, or refused for good (REVOKED). Final. */
        STOPPED
    }

    /** When to dial again after SUPERSEDED from a server that names no time, as the real agent. */
    private static final long SUPERSEDED_RETRY_MILLIS = 60_000;
    /** Echoes missed in a row before the real agent counts a stream as dead. */
    private static final int MISSED_HEARTBEATS_BEFORE_DEAD = 3;

    /** The agent's number in its fleet, from 1: which source address it dials from. */
    private final int number;

    private final String storeId;
    private final SslContext tls;
    private final List<ServerAddress> servers;
    private final FleetTransport transport;
    private final FleetCounters counters;
    private final Backoff backoff;
    private final boolean ackFirst;

    private State state = State.NEW;
    private int serverIndex;
    private @Nullable ManagedChannel channel;
    private @Nullable Stream current;
    private @Nullable ScheduledFuture<?> pendingDial;
    /** When the current stream was welcomed, on {@link System#nanoTime()}; 0 while there is none. */
    private long welcomedAtNanos;

    /**
     * @param number the agent's number in its fleet, from 1 (FleetTransport#sourceAddress)
     * @param firstServer which of {@code servers} to dial first, so that a fleet spreads over them
     * @param backoffCap the largest reconnect window (the real agent's: 30 s)
     * @param ackFirst send a CommandAck before each result; the real agent does not for a command it
     *     answers within 100 ms (the result implies receipt), so neither does the simulator unless asked
     */
    SimAgent(
            int number,
            String storeId,
            SslContext tls,
            List<ServerAddress> servers,
            int firstServer,
            FleetTransport transport,
            FleetCounters counters,
            Duration backoffCap,
            boolean ackFirst) {
        this.number = number;
        this.storeId = storeId;
        this.tls = tls;
        this.servers = servers;
        this.serverIndex = Math.floorMod(firstServer, servers.size());
        this.transport = transport;
        this.counters = counters;
        this.backoff = new Backoff(
                FleetTransport.agentDefaults().backoffBase(),
                backoffCap,
                () -> ThreadLocalRandom.current().nextDouble());
        this.ackFirst = ackFirst;
        // Built now, as the real agent opens its channel before it dials: building twenty thousand
        // channels in the storm itself would spread the "all at once" over the simulator's CPU.
        this.channel = transport.channel(servers.get(serverIndex), tls, number);
    }

    String storeId() {
        return storeId;
    }

    /** Dials after {@code delayMillis} (zero: all at once, the storm). */
    synchronized void start(long delayMillis) {
        if (state != State.NEW) {
            throw new IllegalStateException("start: agent " + storeId + " is " + state + " (expected: NEW)");
        }
        state = State.WAITING;
        pendingDial = scheduler().schedule(this::dial, delayMillis, TimeUnit.MILLISECONDS);
    }

    synchronized State state() {
        return state;
    }

    /** Whether a stream is welcomed now that was welcomed after {@code sinceNanos}. */
    synchronized boolean connectedSince(long sinceNanos) {
        return state == State.CONNECTED && welcomedAtNanos - sinceNanos > 0;
    }

    /** Whether a stream is welcomed now by a server other than the {@code server}-th of the list. */
    synchronized boolean connectedAvoiding(int server) {
        return state == State.CONNECTED && serverIndex != server;
    }

    void close() {
        Stream stream;
        ManagedChannel closing;
        synchronized (this) {
            state = State.STOPPED;
            stream = current;
            current = null;
            closing = channel;
            channel = null;
            if (pendingDial != null) {
                pendingDial.cancel(false);
            }
        }
        if (stream != null) {
            stream.stopHeartbeats();
            stream.cancel("the simulator is stopping");
        }
        if (closing != null) {
            closing.shutdownNow();
        }
    }

    private ScheduledExecutorService scheduler() {
        return transport.scheduler();
    }

    private void dial() {
        Stream stream;
        ManagedChannel dialling;
        synchronized (this) {
            if (state != State.WAITING) {
                return;
            }
            pendingDial = null;
            ManagedChannel open = channel;
            if (open == null) {
                open = transport.channel(servers.get(serverIndex), tls, number);
            } else {
                // As the real agent (DialChannel): a failed channel is replaced, so the dial is one of its own.
                open = DialChannel.replaceIfFailed(
                        open, () -> transport.channel(servers.get(serverIndex), tls, number));
            }
            channel = open;
            dialling = open;
            stream = new Stream(System.nanoTime());
            current = stream;
            state = State.CONNECTING;
        }
        counters.dialled();
        AgentLinkGrpc.newStub(dialling).connect(stream);
        stream.send(AgentMessage.newBuilder().setHello(VirtualReceipt.hello()).build());
    }

    private void welcomed(Stream stream, Welcome welcome) {
        long now = System.nanoTime();
        synchronized (this) {
            if (stream != current || state != State.CONNECTING) {
                return;
            }
            state = State.CONNECTED;
            welcomedAtNanos = now;
            stream.welcomed = true;
        }
        backoff.reset();
        // As the real agent: no wider reconnect windows than the server's return window.
        backoff.limitTo(welcome.hasReturnWindow() ? ProtoDurations.toJava(welcome.getReturnWindow()) : null);
        counters.welcomed(now - stream.dialledAtNanos);
        long intervalMillis = welcome.hasHeartbeatInterval()
                ? Math.max(
                        1000,
                        ProtoDurations.toJava(welcome.getHeartbeatInterval()).toMillis())
                : FleetTransport.agentDefaults().heartbeatInterval().toMillis();
        stream.startHeartbeats(intervalMillis);
    }

    private void told(Stream stream, Disconnect disconnect) {
        counters.disconnectAsked();
        long after = ProtoDurations.toJava(disconnect.getReconnectAfter()).toMillis();
        switch (disconnect.getReason()) {
            case DISCONNECT_REASON_REVOKED -> {
                synchronized (this) {
                    if (stream == current) {
                        state = State.STOPPED;
                    }
                }
            }
            case DISCONNECT_REASON_SUPERSEDED ->
                stream.plannedDelayMillis = after > 0 ? after : SUPERSEDED_RETRY_MILLIS;
            default -> stream.plannedDelayMillis = after > 0 ? after : -1;
        }
        stream.cancel("the server asked to disconnect");
    }

    private void ended(Stream stream, @Nullable Throwable error) {
        stream.stopHeartbeats();
        ManagedChannel abandoned = null;
        synchronized (this) {
            if (stream != current || state == State.STOPPED) {
                return;
            }
            current = null;
            state = State.WAITING;
            welcomedAtNanos = 0;
            if (!stream.welcomed && servers.size() > 1) {
                // This server did not take us: the next one of the list may.
                abandoned = channel;
                channel = null;
                serverIndex = (serverIndex + 1) % servers.size();
            } else if (!stream.welcomed && channel != null && channel.getState(false) != ConnectivityState.READY) {
                // As the real agent (DialChannel.dialFailed): no reconnection in the background meanwhile.
                abandoned = channel;
                channel = null;
            }
            long delayMillis = stream.plannedDelayMillis >= 0
                    ? stream.plannedDelayMillis
                    : backoff.next().toMillis();
            pendingDial = scheduler().schedule(this::dial, delayMillis, TimeUnit.MILLISECONDS);
        }
        if (stream.welcomed) {
            counters.welcomedStreamEnded();
        } else if (error != null) {
            counters.dialFailed(Status.fromThrowable(error));
        } else {
            counters.dialFailed("COMPLETED_BEFORE_WELCOME");
        }
        if (abandoned != null) {
            abandoned.shutdownNow();
        }
    }

    /** One stream: its request side, its heartbeat timer and what the server told it. */
    private final class Stream implements ClientResponseObserver<AgentMessage, ServerMessage> {

        final long dialledAtNanos;
        volatile boolean welcomed;
        /** Set when the server said when to come back; -1 means "use the backoff". */
        volatile long plannedDelayMillis = -1;

        private @Nullable ClientCallStreamObserver<AgentMessage> requests;
        private boolean finished;
        private @Nullable ScheduledFuture<?> heartbeats;
        private long heartbeatSequence;
        private volatile long lastHeardNanos = System.nanoTime();

        Stream(long dialledAtNanos) {
            this.dialledAtNanos = dialledAtNanos;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
            synchronized (this) {
                requests = requestStream;
            }
        }

        @Override
        public void onNext(ServerMessage message) {
            lastHeardNanos = System.nanoTime();
            switch (message.getKindCase()) {
                case WELCOME -> welcomed(this, message.getWelcome());
                case COMMAND -> answer(message.getCommand());
                case DISCONNECT -> told(this, message.getDisconnect());
                // Echoes only prove the stream alive (lastHeardNanos); renewal and trust are not simulated.
                case HEARTBEAT_ECHO, RENEWED, RENEWAL_REFUSED, TRUST, KIND_NOT_SET -> {}
            }
        }

        private void answer(Command command) {
            if (ackFirst) {
                send(AgentMessage.newBuilder()
                        .setAck(CommandAnswers.ack(command))
                        .build());
            }
            send(AgentMessage.newBuilder()
                    .setResult(CommandAnswers.result(command))
                    .build());
            counters.commandAnswered();
        }

        @Override
        public void onError(Throwable error) {
            finish();
            ended(this, error);
        }

        @Override
        public void onCompleted() {
            finish();
            ended(this, null);
        }

        synchronized void send(AgentMessage message) {
            if (finished || requests == null) {
                return;
            }
            try {
                requests.onNext(message);
            } catch (RuntimeException e) {
                // Cancelled under us: onError follows and the agent dials again.
            }
        }

        void cancel(String why) {
            ClientCallStreamObserver<AgentMessage> call;
            synchronized (this) {
                call = requests;
            }
            if (call != null) {
                call.cancel(why, null);
            }
        }

        private synchronized void finish() {
            finished = true;
        }

        synchronized void startHeartbeats(long intervalMillis) {
            if (finished) {
                return;
            }
            heartbeats = scheduler()
                    .scheduleAtFixedRate(
                            () -> beat(intervalMillis), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }

        synchronized void stopHeartbeats() {
            if (heartbeats != null) {
                heartbeats.cancel(false);
                heartbeats = null;
            }
        }

        private void beat(long intervalMillis) {
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastHeardNanos);
            if (silentMillis > intervalMillis * MISSED_HEARTBEATS_BEFORE_DEAD) {
                cancel("no heartbeat echo for " + silentMillis + " ms");
                return;
            }
            long sequence;
            synchronized (this) {
                sequence = ++heartbeatSequence;
            }
            send(AgentMessage.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSequence(sequence))
                    .build());
        }
    }
}
