package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslSessionContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslSessionTicketKey;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.printbridge.server.grpc.TicketKeyFile.StoredKey;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that encrypt the TLS session tickets of the agents' port, kept in a file so that they
 * outlive the process: after a restart an agent shows the ticket of its last connection and resumes
 * its session, without the certificate checks of a full handshake (the server's signature, and
 * both ends' verification of the other's chain: about 1 ms of the server's CPU each on the JDK's
 * ECDSA code). A fleet that comes back after a restart is served several times faster
 * (BENCHMARKS.md, "Resumed sessions"). With a new key at every start, as before, no ticket of
 * the process before was ever usable.
 *
 * <p>The first key encrypts new tickets; the others only open tickets made with them. A key encrypts
 * for {@link #ROTATION}, then opens for {@link #TICKET_LIFETIME} more (BoringSSL's bound on a TLS 1.3
 * ticket's age), then is dropped. {@link #storeCasChanged} drops every key at once when a store CA
 * stops being trusted, so that no agent of that CA resumes a session its handshake made before.
 *
 * <p>The servers of a cluster each keep their own file, unless they are given one secret to share
 * ({@code bridge.grpc.ticket-secret}, {@link SharedTicketSecret}): then every server derives the
 * same keys from it, the day and the store CAs trusted, writes no file, and a shop whose stream moves
 * to another server resumes its session there.
 *
 * <p>What a resumed session skips is checked again where it can have changed since the ticket was
 * made: revocation at each stream's Hello, as always ({@code CertificateStanding}), and the
 * certificate's dates at each call ({@link StoreIdentityInterceptor}).
 */
@Singleton
@Requires(notEnv = "cli")
public final class SessionTicketKeys {

    /** How long one key encrypts new tickets. */
    static final Duration ROTATION = Duration.ofHours(24);

    /** How long BoringSSL accepts a TLS 1.3 ticket after it was made (its PSK-DHE timeout). */
    static final Duration TICKET_LIFETIME = Duration.ofHours(48);

    /** How often a running server checks whether its key is due for rotation. */
    private static final Duration CHECK_EVERY = Duration.ofMinutes(10);

    private static final Logger log = LoggerFactory.getLogger(SessionTicketKeys.class);

    private final TicketKeyFile file;
    /** The cluster's shared secret the keys derive from; absent, random keys kept in {@link #file}. */
    private final @Nullable SharedTicketSecret shared;

    private final Clock clock;
    private final SecureRandom random;
    private List<StoredKey> keys = List.of();
    private List<X509Certificate> trustedCas = List.of();
    private @Nullable OpenSslSessionContext serving;
    private @Nullable ScheduledExecutorService timer;

    @Inject
    SessionTicketKeys(
            @Value("${bridge.data-dir}") String dataDir,
            @Value("${bridge.grpc.ticket-keys:}") String configured,
            @Value("${bridge.grpc.ticket-secret:}") String sharedSecret,
            Clock clock) {
        this(
                new TicketKeyFile(
                        configured.isBlank() ? Path.of(dataDir).resolve("tls-ticket-keys") : Path.of(configured)),
                sharedSecret.isBlank() ? null : readShared(Path.of(sharedSecret)),
                clock,
                new SecureRandom());
    }

    SessionTicketKeys(TicketKeyFile file, @Nullable SharedTicketSecret shared, Clock clock, SecureRandom random) {
        this.file = requireNonNull(file, "file");
        this.shared = shared;
        this.clock = requireNonNull(clock, "clock");
        this.random = requireNonNull(random, "random");
    }

    /** A secret named in the configuration must be there: a server silently on keys of its own would not resume its peers' tickets. */
    private static SharedTicketSecret readShared(Path path) {
        try {
            SharedTicketSecret secret = SharedTicketSecret.read(path);
            if (secret.readableByOthers()) {
                log.warn(
                        "{} may be read by others than its owner: whoever reads it can make a session ticket"
                                + " taken for any shop's (chmod 600)",
                        path.toAbsolutePath());
            }
            return secret;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Gives {@code context} its keys (the file's, a new one first when it is due; or those the shared
     * secret gives for today and {@code storeCas}) and keeps them current while the server runs.
     * Without BoringSSL (the JDK's TLS) there are no ticket keys to set: the server runs all the
     * same, every connection with a full handshake.
     */
    public synchronized void serve(SslContext context, List<X509Certificate> storeCas) {
        trustedCas = List.copyOf(storeCas);
        if (!(context.sessionContext() instanceof OpenSslSessionContext sessions)) {
            log.warn(
                    "TLS for agents runs on {}, not BoringSSL: no session tickets kept across restarts (every"
                            + " agent makes a full handshake after one)",
                    context.getClass().getSimpleName());
            return;
        }
        serving = sessions;
        SharedTicketSecret secret = shared;
        if (secret != null) {
            keys = current(List.of());
            apply();
            log.info(
                    "TLS session tickets for agents: {} key(s) derived from the shared secret {}",
                    keys.size(),
                    secret.path().toAbsolutePath());
            removeKeysOfItsOwn();
        } else {
            List<StoredKey> stored = load();
            keys = current(stored);
            if (!sameKeys(keys, stored)) {
                save(keys);
            }
            apply();
            log.info(
                    "TLS session tickets for agents: {} key(s) from {}",
                    keys.size(),
                    file.path().toAbsolutePath());
        }
        if (timer == null) {
            ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ticket-keys");
                t.setDaemon(true);
                return t;
            });
            long every = CHECK_EVERY.toMillis();
            started.scheduleWithFixedDelay(this::rotateIfDue, every, every, TimeUnit.MILLISECONDS);
            timer = started;
        }
    }

    /** A new key first if the newest has encrypted for {@link #ROTATION}; keys past their use dropped. */
    public synchronized void rotateIfDue() {
        replaceWith(current(keys));
    }

    /**
     * The store CAs trusted now. When one trusted before is not any more, every key is replaced: no
     * ticket made before opens, and every agent's next connection is a full handshake, its
     * certificate checked against the CAs trusted now. With a shared secret the keys follow the whole
     * set (a CA added changes them too), so that every server trusting the same CAs serves the same.
     */
    public synchronized void storeCasChanged(List<X509Certificate> storeCas) {
        List<X509Certificate> before = trustedCas;
        trustedCas = List.copyOf(storeCas);
        if (shared != null) {
            if (replaceWith(current(keys))) {
                log.info("TLS session ticket keys derived again for the store CAs trusted now: agents' next"
                        + " connections are full handshakes");
            }
        } else if (!trustedCas.containsAll(before)) {
            replaceWith(List.of(newKey()));
            log.info("TLS session ticket keys renewed (a store CA is no longer trusted): agents' next connections"
                    + " are full handshakes");
        }
    }

    /** Handshakes resumed from a ticket since this server started (0 without BoringSSL). */
    public long resumedHandshakes() {
        OpenSslSessionContext sessions = serving;
        return sessions == null ? 0 : sessions.stats().ticketKeyResume();
    }

    /** The keys as they stand, newest first (tests). */
    synchronized List<StoredKey> keys() {
        return keys;
    }

    @PreDestroy
    synchronized void close() {
        ScheduledExecutorService running = timer;
        if (running != null) {
            running.shutdownNow();
            timer = null;
        }
    }

    private List<StoredKey> load() {
        try {
            return file.read();
        } catch (IOException e) {
            // Not worth refusing to start over: new keys only cost every agent one full handshake.
            log.warn("{}: starting with a new key (every agent's next connection is a full handshake)", e.getMessage());
            return List.of();
        }
    }

    /**
     * Deletes the key file a server switched to the shared secret kept before: its keys are served no
     * more, and secret material nothing uses should not stay on disk (the cluster guide says the
     * shared mode writes no file). A server switched back makes a new one.
     */
    private void removeKeysOfItsOwn() {
        try {
            if (file.delete()) {
                log.info(
                        "removed {}: this server's own ticket keys, unused since it derives them from the shared secret",
                        file.path().toAbsolutePath());
            }
        } catch (IOException e) {
            log.warn(
                    "could not remove {}, ticket keys no longer used ({}): delete it by hand",
                    file.path().toAbsolutePath(),
                    e.toString());
        }
    }

    /**
     * The keys to serve now: with a shared secret, those it gives for now and the trusted CAs; else
     * {@code from} with the keys past their use dropped and a new key first when one is due.
     */
    private List<StoredKey> current(List<StoredKey> from) {
        Instant now = clock.instant();
        SharedTicketSecret secret = shared;
        if (secret != null) {
            return secret.keysAt(now, trustedCas);
        }
        Instant dropBefore = now.minus(ROTATION).minus(TICKET_LIFETIME);
        List<StoredKey> kept = new ArrayList<>();
        for (StoredKey key : from) {
            if (key.created().isAfter(dropBefore)) {
                kept.add(key);
            }
        }
        if (kept.isEmpty() || !kept.get(0).created().isAfter(now.minus(ROTATION))) {
            kept.add(0, newKey());
        }
        return List.copyOf(kept);
    }

    private StoredKey newKey() {
        byte[] material = new byte[TicketKeyFile.MATERIAL_BYTES];
        random.nextBytes(material);
        return new StoredKey(clock.instant(), material);
    }

    /** Serves {@code next} (and keeps it in the file, without a shared secret) if it differs from the keys served; whether it did. */
    private boolean replaceWith(List<StoredKey> next) {
        if (sameKeys(next, keys)) {
            return false;
        }
        keys = next;
        if (shared == null) {
            save(keys);
        }
        apply();
        return true;
    }

    private void save(List<StoredKey> toSave) {
        try {
            file.write(toSave);
        } catch (IOException e) {
            // The keys serve this process all the same; the next start makes new ones.
            log.warn(
                    "TLS session ticket keys could not be written to {} ({}): agents will make full handshakes"
                            + " after the next restart",
                    file.path().toAbsolutePath(),
                    e.toString());
        }
    }

    private void apply() {
        OpenSslSessionContext sessions = serving;
        if (sessions == null) {
            return;
        }
        OpenSslSessionTicketKey[] ticketKeys = new OpenSslSessionTicketKey[keys.size()];
        for (int i = 0; i < ticketKeys.length; i++) {
            byte[] material = keys.get(i).material();
            ticketKeys[i] = new OpenSslSessionTicketKey(
                    Arrays.copyOfRange(material, 0, 16),
                    Arrays.copyOfRange(material, 16, 32),
                    Arrays.copyOfRange(material, 32, 48));
        }
        sessions.setTicketKeys(ticketKeys);
    }

    private static boolean sameKeys(List<StoredKey> a, List<StoredKey> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).created().equals(b.get(i).created())
                    || !Arrays.equals(a.get(i).material(), b.get(i).material())) {
                return false;
            }
        }
        return true;
    }
}
