package io.printbridge.agent.link;

import static java.util.Objects.requireNonNull;

import io.grpc.Channel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.printbridge.agent.exec.CommandExecutor;
import io.printbridge.agent.exec.Ticker;
import io.printbridge.logging.LogSafe;
import io.printbridge.proto.ProtoDurations;
import io.printbridge.proto.v1.AgentLinkGrpc;
import io.printbridge.proto.v1.AgentMessage;
import io.printbridge.proto.v1.Command;
import io.printbridge.proto.v1.CommandAck;
import io.printbridge.proto.v1.CommandResult;
import io.printbridge.proto.v1.Disconnect;
import io.printbridge.proto.v1.Heartbeat;
import io.printbridge.proto.v1.Hello;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.proto.v1.PrinterStatusChanged;
import io.printbridge.proto.v1.RenewCertificate;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the one long-lived stream: dials out, says Hello, executes what the
 * server sends, and when the stream dies (server restart, cut connection, silent peer) dials
 * again after a backoff with full jitter. Each stream's state lives in its own {@link Session};
 * callbacks from a stream that is no longer current are ignored.
 */
public final class AgentLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AgentLink.class);

    public enum State {
        /** Built; {@link #start()} not called yet. */
        NEW,
        /** A stream is open and the Hello sent; waiting for the server's Welcome. */
        CONNECTING,
        /** Welcomed: commands flow. */
        CONNECTED,
        /** Waiting out a backoff before dialling again. */
        WAITING,
        /** Closed, or told by the server to stop dialling. Final. */
        STOPPED
    }

    private final LinkCredentials credentials;
    private final LinkSettings settings;
    private final Supplier<Hello> hello;
    /** When to dial again after SUPERSEDED from a server that names no time (an older server). */
    static final long SUPERSEDED_RETRY_MILLIS = 60_000;
    /** A command still running this long after its receipt is acknowledged (see CommandAck). */
    static final long ACK_AFTER_MILLIS = 100;
    /** Heartbeats whose send time is kept for their echo; older ones are forgotten unanswered. */
    private static final int MAX_BEATS_AWAITING_ECHO = 16;
    /** The first server revision that renews certificates over the stream. */
    static final int RENEWING_REVISION = 3;
    /** The first server revision that stores attendance punches. */
    public static final int ATTENDANCE_REVISION = 4;

    private final CommandExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final Ticker ticker;
    private final Backoff backoff;
    private final TransitClock transit;
    private final LinkErrors errors;
    private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();

    private State state = State.NEW;
    private @Nullable Session current;
    /** The dial scheduled while WAITING, which {@link #redial} may bring forward. */
    private @Nullable ScheduledFuture<?> pendingDial;

    private @Nullable String storeId;
    private long sessionCount;

    /**
     * @param channel the channel to the server (built by {@link AgentChannels}); not owned
     * @param beforeDial runs before each dial (the agent's own channel is a {@link DialChannel},
     *     through {@link LinkCredentials}; tests reset an in-process channel's backoff here)
     */
    public AgentLink(
            Channel channel,
            Runnable beforeDial,
            LinkSettings settings,
            Supplier<Hello> hello,
            CommandExecutor executor,
            ScheduledExecutorService scheduler,
            Ticker ticker,
            Backoff backoff) {
        this(
                LinkCredentials.fixed(channel, beforeDial),
                settings,
                hello,
                executor,
                scheduler,
                ticker,
                backoff,
                AgentCertificate::unknown,
                Clock.systemUTC());
    }

    /**
     * @param tls this agent's certificate files: when the server refuses the agent, the log says
     *     what is wrong with the certificate (expired on …), not only that the handshake failed
     * @param clock the wall clock, to tell an expired certificate
     */
    public AgentLink(
            Channel channel,
            Runnable beforeDial,
            LinkSettings settings,
            Supplier<Hello> hello,
            CommandExecutor executor,
            ScheduledExecutorService scheduler,
            Ticker ticker,
            Backoff backoff,
            TlsFiles tls,
            Clock clock) {
        this(
                LinkCredentials.fixed(channel, beforeDial),
                settings,
                hello,
                executor,
                scheduler,
                ticker,
                backoff,
                () -> AgentCertificate.read(tls),
                clock);
    }

    /**
     * @param credentials which certificate each stream is dialled with (the one in use, or a renewed
     *     one being tried), and who hears of renewals and the CA bundle
     * @param tls this agent's certificate files as configured, read again at each refusal to explain it (a
     *     renewal replaces them)
     * @param clock the wall clock, to tell an expired certificate
     */
    public AgentLink(
            LinkCredentials credentials,
            LinkSettings settings,
            Supplier<Hello> hello,
            CommandExecutor executor,
            ScheduledExecutorService scheduler,
            Ticker ticker,
            Backoff backoff,
            TlsFiles tls,
            Clock clock) {
        this(
                credentials,
                settings,
                hello,
                executor,
                scheduler,
                ticker,
                backoff,
                () -> AgentCertificate.read(tls),
                clock);
    }

    private AgentLink(
            LinkCredentials credentials,
            LinkSettings settings,
            Supplier<Hello> hello,
            CommandExecutor executor,
            ScheduledExecutorService scheduler,
            Ticker ticker,
            Backoff backoff,
            Supplier<AgentCertificate> certificate,
            Clock clock) {
        this.errors = new LinkErrors(certificate, clock);
        this.credentials = requireNonNull(credentials, "credentials");
        this.settings = requireNonNull(settings, "settings");
        this.hello = requireNonNull(hello, "hello");
        this.executor = requireNonNull(executor, "executor");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.ticker = requireNonNull(ticker, "ticker");
        this.backoff = requireNonNull(backoff, "backoff");
        this.transit = new TransitClock(ticker);
    }

    public synchronized void start() {
        if (state != State.NEW) {
            throw new IllegalStateException("start: link is " + state + " (expected: NEW)");
        }
        state = State.WAITING;
        scheduler.execute(this::dial);
    }

    public synchronized State state() {
        return state;
    }

    /**
     * The widest wait before a dial after a stream ends: the agent's cap (30 s), or the return
     * window of the server's last Welcome if narrower.
     */
    public Duration widestReconnectWait() {
        return backoff.ceiling();
    }

    /** The store the server says this agent speaks for (from our certificate), once welcomed. */
    public synchronized @Nullable String storeId() {
        return storeId;
    }

    /** Waits until the link is CONNECTED; true if it was within {@code timeout}. */
    public synchronized boolean awaitConnected(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (state != State.CONNECTED) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || state == State.STOPPED) {
                return state == State.CONNECTED;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /** Adds a listener of streams welcomed and ended and of attendance answers; before {@link #start()}. */
    public void listen(StreamListener listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /** The server's wall clock now as this agent estimates it; null before a server stamped an answer. */
    public @Nullable Instant serverNow() {
        return transit.serverNow();
    }

    /**
     * Sends attendance (punches or a clock's status) on the current stream, if it is welcomed by a
     * server of revision 4 or later; false when it was not sent.
     */
    public boolean sendAttendance(AgentMessage message) {
        Session session;
        synchronized (this) {
            session = state == State.CONNECTED ? current : null;
        }
        return session != null && session.serverRevision >= ATTENDANCE_REVISION && session.send(message);
    }

    /** Tells the server about a printer's new status at once, if connected. */
    public void reportStatus(String printer, PrinterStatus status) {
        sendOnCurrent(AgentMessage.newBuilder()
                .setStatusChanged(
                        PrinterStatusChanged.newBuilder().setPrinter(printer).setStatus(status))
                .build());
    }

    /**
     * Sends a certificate renewal request on the current stream, if it is welcomed by a server of
     * revision 3 or later (an older one would drop it unread).
     *
     * @return the channel of the stream it went on (its answer can only come on that stream), or
     *     null when it was not sent
     */
    public @Nullable Channel askRenewal(RenewCertificate request) {
        Session session;
        synchronized (this) {
            session = state == State.CONNECTED ? current : null;
        }
        if (session == null || session.serverRevision < RENEWING_REVISION) {
            return null;
        }
        return session.send(AgentMessage.newBuilder().setRenew(request).build()) ? session.channel : null;
    }

    /**
     * Ends the current stream, if any, and dials again at once (a renewed certificate to put in
     * use): {@link LinkCredentials#channelForNextStream()} then says with which certificate.
     */
    public void redial(String why) {
        Session session;
        synchronized (this) {
            if (state == State.STOPPED || state == State.NEW) {
                return;
            }
            session = current;
            if (session == null) {
                ScheduledFuture<?> pending = pendingDial;
                if (pending != null) {
                    pending.cancel(false);
                }
                pendingDial = scheduler.schedule(this::dial, 0, TimeUnit.MILLISECONDS);
                return;
            }
        }
        session.plannedDelayMillis = 0;
        session.plannedReason = why;
        session.cancel(why);
    }

    @Override
    public void close() {
        Session session;
        synchronized (this) {
            state = State.STOPPED;
            session = current;
            current = null;
            notifyAll();
        }
        if (session != null) {
            session.cancel("agent is shutting down");
        }
    }

    // ------------------------------------------------------------------ lifecycle of streams

    private void dial() {
        synchronized (this) {
            if (state != State.WAITING) {
                return; // stopped, or a dial brought forward by redial() already opened a stream
            }
        }
        // Outside the lock: the credentials take their own, and call this link under it.
        Channel channel = credentials.channelForNextStream();
        Session session;
        synchronized (this) {
            if (state != State.WAITING) {
                return;
            }
            pendingDial = null;
            session = new Session(++sessionCount, channel);
            current = session;
            transit.reset();
            state = State.CONNECTING;
            notifyAll();
        }
        log.debug("dialling {}:{} (stream #{})", settings.host(), settings.port(), session.number);
        AgentLinkGrpc.newStub(session.channel).connect(session);
        session.send(AgentMessage.newBuilder().setHello(hello.get()).build());
    }

    private void welcomed(Session session, Welcome welcome) {
        synchronized (this) {
            if (session != current || state == State.STOPPED) {
                return;
            }
            // Before CONNECTED is seen (awaitConnected): the reconnect windows are this Welcome's from then on.
            backoff.reset();
            backoff.limitTo(welcome.hasReturnWindow() ? ProtoDurations.toJava(welcome.getReturnWindow()) : null);
            state = State.CONNECTED;
            storeId = welcome.getStoreId();
            session.serverRevision = welcome.getProtocolVersion();
            notifyAll();
        }
        credentials.welcomed(session.channel, welcome);
        long intervalMillis = welcome.hasHeartbeatInterval()
                ? Math.max(
                        1000,
                        ProtoDurations.toJava(welcome.getHeartbeatInterval()).toMillis())
                : settings.heartbeatInterval().toMillis();
        for (StreamListener listener : listeners) {
            listener.welcomed(welcome.getProtocolVersion());
        }
        log.info(
                "connected to {}:{} as store {} (server {})",
                settings.host(),
                settings.port(),
                LogSafe.text(welcome.getStoreId()),
                LogSafe.text(welcome.getServerVersion()));
        session.startHeartbeats(intervalMillis);
    }

    private void told(Session session, Disconnect disconnect) {
        long after = ProtoDurations.toJava(disconnect.getReconnectAfter()).toMillis();
        switch (disconnect.getReason()) {
            case DISCONNECT_REASON_REVOKED -> {
                if (credentials.trying(session.channel)) {
                    // The renewed certificate is refused, not the shop: back to the one in use.
                    log.warn(
                            "the server refuses the renewed certificate: {}; dialling again with the certificate in use",
                            LogSafe.text(disconnect.getMessage()));
                    session.plannedDelayMillis = 0;
                    session.plannedReason = "the renewed certificate was refused";
                    session.cancel("the renewed certificate was refused");
                    return;
                }
                log.error(
                        "the server refuses this agent's certificate: {}; not reconnecting (ask IT for a new enrolment"
                                + " code, then `bridge-agent enroll`)",
                        LogSafe.text(disconnect.getMessage()));
                synchronized (this) {
                    if (session == current) {
                        state = State.STOPPED;
                        notifyAll();
                    }
                }
            }
            case DISCONNECT_REASON_SUPERSEDED -> {
                // Another PC holds this store's certificate. Stopping for good would let a one-shot
                // impostor keep the shop offline: dial again after the (long) wait the server asks.
                long wait = after > 0 ? after : SUPERSEDED_RETRY_MILLIS;
                log.error(
                        "another connection with this store's certificate replaced this one: {}; dialling again in {} s",
                        LogSafe.text(disconnect.getMessage()),
                        wait / 1000);
                session.plannedDelayMillis = wait;
            }
            default -> {
                log.info(
                        "the server asked this agent to reconnect ({}: {})",
                        disconnect.getReason(),
                        LogSafe.text(disconnect.getMessage()));
                session.plannedDelayMillis = after > 0 ? after : -1;
            }
        }
        session.cancel("the server asked to disconnect");
    }

    private void ended(Session session, @Nullable Throwable error) {
        session.stopHeartbeats();
        credentials.ended(session.channel, session.serverRevision >= 0);
        long delayMillis;
        synchronized (this) {
            if (session != current || state == State.STOPPED) {
                return;
            }
            current = null;
            state = State.WAITING;
            storeId = null;
            notifyAll();
            delayMillis = session.plannedDelayMillis >= 0
                    ? session.plannedDelayMillis
                    : backoff.next().toMillis();
            pendingDial = scheduler.schedule(this::dial, delayMillis, TimeUnit.MILLISECONDS);
        }
        for (StreamListener listener : listeners) {
            listener.ended();
        }
        String why = session.plannedDelayMillis >= 0 ? session.plannedReason : errors.explain(error);
        log.warn(
                "stream to {}:{} ended: {}; dialling again in {} ms",
                settings.host(),
                settings.port(),
                why,
                delayMillis);
    }

    private void sendOnCurrent(AgentMessage message) {
        Session session;
        synchronized (this) {
            session = state == State.CONNECTED ? current : null;
        }
        if (session != null) {
            session.send(message);
        }
        // Not connected: a result is not lost. The server redelivers every command it has no
        // result for, and the journal answers the redelivery with this very result.
    }

    /** One stream: its request side, its heartbeat timer, and what it was told. */
    private final class Session implements ClientResponseObserver<AgentMessage, ServerMessage> {

        final long number;
        /** The channel this stream was opened on: which certificate it showed. */
        final Channel channel;
        /** The server's protocol revision from its Welcome; -1 until welcomed. */
        volatile int serverRevision = -1;

        private @Nullable ClientCallStreamObserver<AgentMessage> requests;
        private @Nullable ScheduledFuture<?> heartbeats;
        private volatile long lastHeardNanos = ticker.nanoTime();
        private long heartbeatSequence;
        /** When the Hello was handed to the stream: the Welcome answers it (see TransitClock). */
        private final long helloAskedNanos = ticker.nanoTime();
        /** When each recent heartbeat was sent, by sequence: its echo answers it. */
        private final Map<Long, Long> heartbeatAskedNanos = new ConcurrentHashMap<>();

        private boolean finished;
        /** Commands received on this stream that have neither a result nor an acknowledgement yet. */
        private final Set<String> unanswered = ConcurrentHashMap.newKeySet();
        /** Set when the server said when to come back; -1 means "use the backoff". */
        volatile long plannedDelayMillis = -1;
        /** Why the stream ends when {@link #plannedDelayMillis} is set, for the log. */
        volatile String plannedReason = "the server asked to reconnect";

        Session(long number, Channel channel) {
            this.number = number;
            this.channel = channel;
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<AgentMessage> requestStream) {
            this.requests = requestStream;
        }

        @Override
        public void onNext(ServerMessage message) {
            long now = ticker.nanoTime();
            lastHeardNanos = now;
            switch (message.getKindCase()) {
                case WELCOME -> {
                    transit.observe(message.getWelcome().getServerTime(), helloAskedNanos, now);
                    welcomed(this, message.getWelcome());
                }
                case COMMAND -> received(message.getCommand(), now);
                case HEARTBEAT_ECHO -> {
                    Long asked = heartbeatAskedNanos.remove(
                            message.getHeartbeatEcho().getSequence());
                    if (asked != null) { // an echo of a beat this stream sent: it bounds the clocks
                        transit.observe(message.getHeartbeatEcho().getServerTime(), asked, now);
                    }
                }
                case DISCONNECT -> told(this, message.getDisconnect());
                case RENEWED, RENEWAL_REFUSED, TRUST -> credentials.received(channel, message);
                case ATTENDANCE_STORED -> listeners.forEach(l -> l.attendanceStored(message.getAttendanceStored()));
                case ATTENDANCE_REFUSED -> listeners.forEach(l -> l.attendanceRefused(message.getAttendanceRefused()));
                case KIND_NOT_SET -> log.debug("ignoring a server message this agent does not know (newer server)");
            }
        }

        private void received(Command command, long receivedAt) {
            String id = command.getId();
            // Most commands are answered within the moment: their result says "received", and a
            // separate acknowledgement would only double the messages. Only the slow ones get one.
            unanswered.add(id);
            scheduler.schedule(
                    () -> {
                        if (unanswered.remove(id)) {
                            send(AgentMessage.newBuilder()
                                    .setAck(CommandAck.newBuilder().setCommandId(id))
                                    .build());
                        }
                    },
                    ACK_AFTER_MILLIS,
                    TimeUnit.MILLISECONDS);
            // The time to live counts from when the server sent the command, not from its late arrival.
            executor.execute(
                    command,
                    transit.sentAtNanos(command.hasSentAt() ? command.getSentAt() : null, receivedAt),
                    this::result);
        }

        private void result(CommandResult result) {
            unanswered.remove(result.getCommandId());
            sendOnCurrent(AgentMessage.newBuilder().setResult(result).build());
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

        /** Sends {@code message}; false when the stream is over. */
        synchronized boolean send(AgentMessage message) {
            if (finished || requests == null) {
                return false;
            }
            try {
                requests.onNext(message);
                return true;
            } catch (RuntimeException e) {
                // The call was cancelled under us; onError follows and reconnects.
                log.debug("send on a closing stream failed: {}", e.toString());
                return false;
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
            heartbeats = scheduler.scheduleAtFixedRate(
                    () -> beat(intervalMillis), intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }

        synchronized void stopHeartbeats() {
            if (heartbeats != null) {
                heartbeats.cancel(false);
            }
        }

        private void beat(long intervalMillis) {
            long silentMillis = TimeUnit.NANOSECONDS.toMillis(ticker.nanoTime() - lastHeardNanos);
            if (silentMillis > intervalMillis * settings.missedHeartbeatsBeforeDead()) {
                log.warn("no word from the server for {} ms: the stream is dead", silentMillis);
                cancel("no heartbeat echo for " + silentMillis + " ms");
                return;
            }
            long sequence;
            synchronized (this) {
                sequence = ++heartbeatSequence;
            }
            // Echoes that never came back are forgotten: a few beats are all a dead stream gets.
            heartbeatAskedNanos.keySet().removeIf(older -> older < sequence - MAX_BEATS_AWAITING_ECHO);
            heartbeatAskedNanos.put(sequence, ticker.nanoTime());
            send(AgentMessage.newBuilder()
                    .setHeartbeat(Heartbeat.newBuilder().setSequence(sequence))
                    .build());
        }
    }
}
