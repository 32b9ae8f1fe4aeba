package io.printbridge.agent.identity;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.ByteString;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.printbridge.agent.link.AgentLink;
import io.printbridge.agent.link.Backoff;
import io.printbridge.agent.link.DialChannel;
import io.printbridge.agent.link.LinkCredentials;
import io.printbridge.agent.link.TlsFiles;
import io.printbridge.certs.AgentKeys;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.logging.LogSafe;
import io.printbridge.proto.v1.CertificateRenewed;
import io.printbridge.proto.v1.RenewCertificate;
import io.printbridge.proto.v1.ServerMessage;
import io.printbridge.proto.v1.Welcome;
import java.io.IOException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews this agent's certificate by itself, over its live stream, and decides which certificate
 * each stream is dialled with ({@link LinkCredentials}).
 *
 * <p>At the due time ({@link RenewalSchedule}: half the lifetime, with jitter) and on a stream
 * welcomed by a server of revision 3, the agent makes a new key pair, writes its private key
 * owner-only as {@code <key>.next} and asks for a certificate for it. The answer's certificate is
 * written as {@code <cert>.next} and its CA bundle over {@code tls.ca}; at a random moment of the
 * switch window the link reconnects with the renewed pair. Only when that stream is welcomed does
 * the renewed pair replace the one in use (which is kept as {@code .previous}); if it is refused or
 * never welcomed, the agent dials with the pair in use again and renews later. The server, for its
 * part, retires the old certificate only once it saw the new one in a handshake. So neither a lost
 * answer nor a refused certificate locks the shop out: the pair in use keeps working until a newer
 * one has been proved. A refused or unanswered renewal is asked again after a backoff.
 *
 * <p>Link callbacks arrive on the network's threads; the work (keys, files) runs on the agent's
 * scheduler. State is decided under this object's monitor, and the link is called outside it.
 */
public final class CertificateRenewal implements LinkCredentials, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CertificateRenewal.class);
    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    /** The due time is checked again at least this often, so a PC that slept or whose clock moved still renews. */
    private static final Duration LONGEST_TIMER = Duration.ofHours(1);
    /** The first server revision that renews certificates over the stream. */
    private static final int RENEWING_REVISION = 3;

    /** Opens a channel to the server that shows the certificate and trusts the CA bundle of {@code tls}. */
    @FunctionalInterface
    public interface ChannelFactory {
        ManagedChannel open(TlsFiles tls) throws IOException;
    }

    /** Where the renewal stands. */
    public enum State {
        /** Waiting for the due time; once due, the next stream welcomed by a revision 3 server asks. */
        WAITING,
        /** Asked on a stream; its answer has not come. */
        ASKED,
        /** The renewed pair is on disk; the link dials with it at a random moment of the switch window. */
        RENEWED,
        /** The link dials with the renewed pair: put in use once welcomed, dropped if refused. */
        TRYING,
        /** The certificate in use expired: nothing can renew it; IT must enrol the PC again. */
        EXPIRED,
        /** Closed with the agent. */
        CLOSED
    }

    private final CertificateFiles files;
    private final ChannelFactory channels;
    private final RenewalSettings settings;
    private final RenewalSchedule schedule;
    private final Backoff retries;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final String hostname;

    private State state;
    private X509Certificate inUse;
    private Instant dueAt;
    private ManagedChannel currentChannel;
    /** The channel with the renewed pair, while it is tried. */
    private @Nullable ManagedChannel trialChannel;
    /** The stream a renewal was asked on: its answer can come only there. */
    private @Nullable Channel askedOn;
    /** The key pair of the renewal asked, until its answer. */
    private @Nullable KeyPair asking;
    /** The CA bundle changed: the channel in use is rebuilt before the next stream. */
    private boolean trustChanged;

    private @Nullable ScheduledFuture<?> timer;
    private @Nullable AgentLink link;
    private boolean olderServerLogged;

    /**
     * Reads the pair in use (finishing a switch a stop interrupted) and opens its channel.
     *
     * @param retries the wait before asking again after a refused or unanswered renewal
     * @param hostname this PC's name, in the certificate request for people
     * @throws IOException when the certificate in use cannot be read or its channel not opened
     */
    public CertificateRenewal(
            CertificateFiles files,
            ChannelFactory channels,
            RenewalSettings settings,
            RenewalSchedule schedule,
            Backoff retries,
            ScheduledExecutorService scheduler,
            Clock clock,
            String hostname)
            throws IOException {
        this.files = requireNonNull(files, "files");
        this.channels = requireNonNull(channels, "channels");
        this.settings = requireNonNull(settings, "settings");
        this.schedule = requireNonNull(schedule, "schedule");
        this.retries = requireNonNull(retries, "retries");
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.clock = requireNonNull(clock, "clock");
        this.hostname = requireNonNull(hostname, "hostname");
        files.recover();
        this.inUse = files.readCurrent();
        this.dueAt = schedule.dueAt(inUse);
        this.currentChannel = channels.open(files.current());
        if (files.hasNext()) {
            // Renewed before a stop, never welcomed (or welcomed, then stopped before the switch was
            // written): tried first, since the server may already have retired the pair in use.
            log.info(
                    "a renewed certificate is waiting on disk ({}): trying it first",
                    files.next().certificate());
            this.state = State.RENEWED;
        } else {
            this.state = State.WAITING;
            log.info(
                    "this agent's certificate is valid until {}; it renews itself from {}",
                    WHEN.format(inUse.getNotAfter().toInstant()),
                    WHEN.format(dueAt));
        }
    }

    /** Starts the timer; {@code link} is the one these credentials dial for. */
    public void attach(AgentLink link) {
        synchronized (this) {
            if (this.link != null) {
                throw new IllegalStateException("attach: already attached to a link");
            }
            this.link = link;
        }
        onScheduler(this::check);
    }

    public synchronized State state() {
        return state;
    }

    /** When the certificate in use is due for renewal. */
    public synchronized Instant dueAt() {
        return dueAt;
    }

    // ------------------------------------------------------------------ from the link

    @Override
    public Channel channelForNextStream() {
        ManagedChannel stale = null;
        ManagedChannel chosen;
        synchronized (this) {
            if (state == State.RENEWED) {
                // The link dials anyway (the stream died, or the switch moment came): with the renewed pair.
                cancelTimer();
                state = State.TRYING;
            }
            if (state == State.TRYING && trialChannel == null) {
                try {
                    trialChannel = channels.open(files.next());
                } catch (IOException | RuntimeException e) {
                    log.warn("the renewed certificate cannot be used ({}); keeping the one in use", e.toString());
                    retryLater("the renewed certificate could not be opened");
                }
            }
            if (state == State.TRYING && trialChannel != null) {
                // A channel whose last dial failed is replaced, so this dial is a dial of its own (DialChannel).
                ManagedChannel trial = trialChannel;
                trialChannel = DialChannel.replaceIfFailed(trial, () -> channels.open(files.next()));
                chosen = trialChannel;
            } else {
                if (trustChanged) {
                    try {
                        ManagedChannel rebuilt = channels.open(files.current());
                        stale = currentChannel;
                        currentChannel = rebuilt;
                        trustChanged = false;
                    } catch (IOException | RuntimeException e) {
                        log.warn("the new CA bundle cannot be used ({}); dialling with the one before", e.toString());
                    }
                }
                ManagedChannel inUse = currentChannel;
                currentChannel = DialChannel.replaceIfFailed(inUse, () -> channels.open(files.current()));
                chosen = currentChannel;
            }
        }
        if (stale != null) {
            stale.shutdown();
        }
        return chosen;
    }

    @Override
    public synchronized boolean trying(Channel channel) {
        return state == State.TRYING && channel == trialChannel;
    }

    @Override
    public void welcomed(Channel channel, Welcome welcome) {
        boolean promote;
        synchronized (this) {
            promote = state == State.TRYING && channel == trialChannel;
        }
        if (promote) {
            onScheduler(() -> promote(channel));
        } else {
            if (welcome.getProtocolVersion() < RENEWING_REVISION && !olderServerLogged) {
                olderServerLogged = true;
                log.warn(
                        "the server is older than protocol revision {} and cannot renew this agent's certificate,"
                                + " valid until {}: update the server",
                        RENEWING_REVISION,
                        WHEN.format(inUseExpiry()));
            }
            onScheduler(this::check);
        }
    }

    @Override
    public void ended(Channel channel, boolean welcomed) {
        onScheduler(() -> streamEnded(channel, welcomed));
    }

    @Override
    public void received(Channel channel, ServerMessage message) {
        onScheduler(() -> {
            switch (message.getKindCase()) {
                case RENEWED -> renewed(channel, message.getRenewed());
                case RENEWAL_REFUSED ->
                    refused(channel, message.getRenewalRefused().getMessage());
                case TRUST -> trust(message.getTrust().getCaCertificatesList());
                default -> log.debug("ignoring {} (not about the certificate)", message.getKindCase());
            }
        });
    }

    // ------------------------------------------------------------------ the renewal, on the scheduler

    /** Asks for a renewal if it is due and a welcomed stream can carry it; else sets the timer for the due time. */
    private void check() {
        AgentLink target;
        synchronized (this) {
            if (state != State.WAITING || link == null) {
                return;
            }
            Instant now = clock.instant();
            if (now.isAfter(inUse.getNotAfter().toInstant())) {
                state = State.EXPIRED;
                cancelTimer();
                log.error(
                        "this agent's certificate expired on {}, ask IT for a new enrolment code (then run"
                                + " `bridge-agent enroll`): an expired certificate cannot be renewed",
                        WHEN.format(inUse.getNotAfter().toInstant()));
                return;
            }
            if (now.isBefore(dueAt)) {
                setTimer(Duration.between(now, dueAt));
                return;
            }
            // Claimed here: a Welcome and the timer may both find the renewal due, one asks.
            state = State.ASKED;
            asking = null;
            askedOn = null;
            cancelTimer();
            target = link;
        }
        ask(target);
    }

    /** Makes the new key, writes it, and asks on the current stream; the state is ASKED already. */
    private void ask(AgentLink target) {
        KeyPair keys = AgentKeys.generate();
        try {
            files.writeNextKey(keys.getPrivate());
        } catch (IOException e) {
            log.error("the new key cannot be written ({}): renewal postponed", e.toString());
            retryLater("the new key could not be written");
            return;
        }
        byte[] request = CertificateRequests.create(keys, hostname);
        synchronized (this) {
            if (state != State.ASKED) {
                return;
            }
            asking = keys;
        }
        Channel on = target.askRenewal(RenewCertificate.newBuilder()
                .setCertificateRequest(ByteString.copyFrom(request))
                .build());
        synchronized (this) {
            if (state != State.ASKED || asking != keys) {
                return;
            }
            if (on == null) {
                // No welcomed stream of a renewing server now: the next Welcome asks again.
                asking = null;
                state = State.WAITING;
                return;
            }
            askedOn = on;
            log.info(
                    "asking the server to renew this agent's certificate (valid until {}) for a new key",
                    WHEN.format(inUse.getNotAfter().toInstant()));
            setTimer(settings.answerTimeout());
        }
    }

    /** The answer timer: no answer within {@code answer-timeout} counts as lost. */
    private void answerTimedOut(KeyPair keys) {
        synchronized (this) {
            if (state != State.ASKED || asking != keys) {
                return;
            }
        }
        log.warn("no answer to the certificate renewal within {}", settings.answerTimeout());
        retryLater("no answer");
    }

    private void renewed(Channel channel, CertificateRenewed answer) {
        KeyPair keys;
        synchronized (this) {
            keys = asking;
            if (state != State.ASKED || keys == null || !askedOnThe(channel)) {
                log.info("a certificate renewal answer that no renewal waits for is ignored");
                return;
            }
        }
        X509Certificate renewed;
        try {
            renewed = CertificateFiles.parse(answer.getCertificate().toByteArray());
            if (!renewed.getPublicKey().equals(keys.getPublic())) {
                throw new IOException("it is not for the key this agent asked with");
            }
            renewed.checkValidity(java.util.Date.from(clock.instant()));
            files.writeNextCertificate(renewed);
            if (answer.getCaCertificatesCount() > 0) {
                files.replaceTrust(bytes(answer.getCaCertificatesList()));
            }
        } catch (IOException | java.security.cert.CertificateException | RuntimeException e) {
            log.error("the renewed certificate cannot be used: {}", LogSafe.text(e.getMessage(), 300));
            retryLater("the renewed certificate could not be used");
            return;
        }
        Duration delay = schedule.switchDelay(settings.switchWindow());
        synchronized (this) {
            if (state != State.ASKED) {
                return;
            }
            asking = null;
            askedOn = null;
            state = State.RENEWED;
            trustChanged = trustChanged || answer.getCaCertificatesCount() > 0;
            cancelTimer();
            timer = schedule(this::switchNow, delay);
        }
        log.info(
                "certificate renewed: valid until {}; reconnecting with it in {} ms ({}); the current one stays until"
                        + " then",
                WHEN.format(renewed.getNotAfter().toInstant()),
                delay.toMillis(),
                files.next().certificate());
    }

    private void refused(Channel channel, String message) {
        synchronized (this) {
            if (state != State.ASKED || !askedOnThe(channel)) {
                return;
            }
        }
        log.warn("the server refused to renew this agent's certificate: {}", LogSafe.text(message, 500));
        retryLater("refused");
    }

    private void trust(List<ByteString> caCertificates) {
        try {
            files.replaceTrust(bytes(caCertificates));
        } catch (IOException e) {
            log.error("the CA bundle from the server cannot be written: {}", e.toString());
            return;
        }
        synchronized (this) {
            trustChanged = true;
        }
        log.info(
                "the server sent {} CA certificate(s) to trust from now on: written to {}, used from the next connection",
                caCertificates.size(),
                files.current().trustedCa());
    }

    /** The switch moment: the link reconnects, and {@link #channelForNextStream()} hands it the renewed pair. */
    private void switchNow() {
        AgentLink target;
        synchronized (this) {
            if (state != State.RENEWED || link == null) {
                return;
            }
            target = link;
        }
        target.redial("reconnecting with the renewed certificate");
    }

    private void promote(Channel channel) {
        ManagedChannel old;
        synchronized (this) {
            if (state != State.TRYING || channel != trialChannel || trialChannel == null) {
                return;
            }
            try {
                files.promote();
                inUse = files.readCurrent();
            } catch (IOException e) {
                // Dialling on with the channel that works; the files are set right at the next start.
                log.error("the renewed certificate was welcomed but could not be put in place: {}", e.toString());
            }
            old = currentChannel;
            currentChannel = trialChannel;
            trialChannel = null;
            dueAt = schedule.dueAt(inUse);
            state = State.WAITING;
            retries.reset();
        }
        old.shutdown();
        log.info(
                "the renewed certificate is in use (valid until {}; the previous one kept as {}); next renewal from {}",
                WHEN.format(inUse.getNotAfter().toInstant()),
                files.previous().certificate(),
                WHEN.format(dueAt));
        check();
    }

    private void streamEnded(Channel channel, boolean welcomed) {
        synchronized (this) {
            if (!welcomed && channel == currentChannel) {
                // A failed dial: a new channel now, not grpc's reconnection in the background (DialChannel).
                currentChannel = DialChannel.replaceUnlessReady(currentChannel, () -> channels.open(files.current()));
            }
            if (state == State.TRYING && channel == trialChannel && !welcomed) {
                log.warn("the server did not accept the renewed certificate: dialling with the one in use again");
                dropTrial();
            } else if (state == State.ASKED && channel == askedOn) {
                log.info("the stream ended before the renewal was answered");
            } else {
                return;
            }
        }
        retryLater("the stream ended");
    }

    /**
     * Whether {@code channel} carries the stream the renewal was asked on. Until the link said which
     * (the answer can come first), the stream it was just sent on is the only one it can be on.
     */
    private boolean askedOnThe(Channel channel) {
        return askedOn == null || askedOn == channel;
    }

    /** Back to WAITING, asking again after the retry backoff; the unused renewed files are deleted. */
    private void retryLater(String why) {
        Duration wait = retries.next();
        synchronized (this) {
            if (state == State.CLOSED || state == State.EXPIRED) {
                return;
            }
            if (state == State.TRYING) {
                dropTrial();
            }
            // Deleted before the next attempt can be scheduled, so never a newer attempt's key.
            try {
                files.discardNext();
            } catch (IOException e) {
                log.warn("unused renewal files not deleted: {}", e.toString());
            }
            asking = null;
            askedOn = null;
            state = State.WAITING;
            dueAt = clock.instant().plus(wait);
            cancelTimer();
            timer = schedule(this::check, wait);
        }
        log.info("certificate renewal ({}): asking again in {} s", why, wait.toMillis() / 1000.0);
    }

    /** Called under the monitor: the trial channel is closed, the renewed pair forgotten. */
    private void dropTrial() {
        ManagedChannel trial = trialChannel;
        trialChannel = null;
        if (trial != null) {
            trial.shutdownNow();
        }
        state = State.WAITING;
    }

    private void setTimer(Duration delay) {
        cancelTimer();
        Duration capped = delay.compareTo(LONGEST_TIMER) > 0 ? LONGEST_TIMER : delay;
        KeyPair keys = asking;
        timer = state == State.ASKED && keys != null
                ? schedule(() -> answerTimedOut(keys), capped)
                : schedule(this::check, capped);
    }

    private void cancelTimer() {
        ScheduledFuture<?> running = timer;
        timer = null;
        if (running != null) {
            running.cancel(false);
        }
    }

    private @Nullable ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        try {
            return scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return null; // the agent is stopping
        }
    }

    private void onScheduler(Runnable task) {
        try {
            scheduler.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("certificate renewal step failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("not run, the agent is stopping: a certificate renewal step");
        }
    }

    private synchronized Instant inUseExpiry() {
        return inUse.getNotAfter().toInstant();
    }

    private static List<byte[]> bytes(List<ByteString> certificates) {
        return certificates.stream().map(ByteString::toByteArray).toList();
    }

    @Override
    public void close() {
        ManagedChannel trial;
        ManagedChannel inUseChannel;
        synchronized (this) {
            state = State.CLOSED;
            cancelTimer();
            trial = trialChannel;
            trialChannel = null;
            inUseChannel = currentChannel;
        }
        if (trial != null) {
            trial.shutdownNow();
        }
        DialChannel.shutdown(inUseChannel);
    }
}
