package io.printbridge.server.grpc;

import static java.util.Objects.requireNonNull;

import io.printbridge.certs.IssuedBy;
import io.printbridge.certs.KeyMatch;
import io.printbridge.certs.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate and key files ({@code bridge.grpc.certificate}, {@code bridge.grpc.key}),
 * read again every {@code bridge.grpc.reload-interval}: when their contents change, new
 * handshakes get the new certificate, without a restart; established streams carry on with the
 * one they were made with.
 *
 * <p>IT replaces two files, one after the other, and a poll may fall between them, or on a file
 * half written. A new pair is served only once both parse, the key is the certificate's and the
 * certificate has not expired; until then the old one stays, with one log line per content seen
 * that says what is wrong.
 *
 * <p>The server sends its chain: its certificate and the store CA that signed it, so an agent
 * that trusts several CAs (a rollover) finds the path without guessing. A file that holds only
 * the server's certificate is completed with that CA, taken from the CAs the server knows.
 */
final class ServerCertificateFiles implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ServerCertificateFiles.class);

    private final Path certificateFile;
    private final Path keyFile;
    private final Supplier<List<X509Certificate>> knownCas;
    private final Clock clock;
    private final ServerKeyManager keys;
    /** The two files' text at the last look, so an unchanged pair is not parsed again, nor a broken one logged again. */
    private @Nullable Texts lastSeen;

    private @Nullable ScheduledExecutorService poller;

    /**
     * Reads the pair as the server starts with it.
     *
     * @param knownCas the store CAs this server knows, to complete a chain that lacks its CA
     * @throws IllegalStateException naming the setting whose file is missing or wrong
     */
    ServerCertificateFiles(Path certificateFile, Path keyFile, Supplier<List<X509Certificate>> knownCas, Clock clock) {
        this.certificateFile = requireNonNull(certificateFile, "certificateFile");
        this.keyFile = requireNonNull(keyFile, "keyFile");
        this.knownCas = requireNonNull(knownCas, "knownCas");
        this.clock = requireNonNull(clock, "clock");
        Texts text = readBoth();
        try {
            Pair pair = parse(text);
            this.keys = new ServerKeyManager(pair.chain(), pair.key());
            this.lastSeen = text;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "bridge.grpc.certificate / bridge.grpc.key: " + e.getMessage()
                            + " (expected: the server's certificate and its PKCS#8 key, as PEM files)",
                    e);
        }
        log.info("serving server certificate {}", describe(keys.served().certificate()));
    }

    /** What TLS asks for the certificate at each handshake. */
    ServerKeyManager keyManager() {
        return keys;
    }

    /** Looks at the files every {@code interval} from now on. */
    synchronized void watch(Duration interval) {
        if (poller != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "server-certificate-reload");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(interval.toMillis(), 1);
        started.scheduleWithFixedDelay(
                () -> {
                    try {
                        reload();
                    } catch (RuntimeException e) {
                        log.warn("server certificate files not read again: {}", e.toString());
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        poller = started;
    }

    /**
     * Reads the files now: serves their pair if it changed and is whole.
     *
     * @return true if a new certificate is served from now on
     */
    synchronized boolean reload() {
        Texts text;
        try {
            text = readBoth();
        } catch (IllegalStateException e) {
            if (lastSeen != null) {
                log.warn(
                        "{}; still serving {}",
                        e.getMessage(),
                        describe(keys.served().certificate()));
                lastSeen = null;
            }
            return false;
        }
        if (text.equals(lastSeen)) {
            return false;
        }
        lastSeen = text;
        try {
            Pair pair = parse(text);
            X509Certificate before = keys.served().certificate();
            if (pair.chain().equals(keys.served().chain())) {
                return false; // the same certificate written again
            }
            keys.install(pair.chain(), pair.key());
            log.info(
                    "server certificate replaced: new connections get {} instead of {}; open streams carry on",
                    describe(pair.chain().get(0)),
                    describe(before));
            return true;
        } catch (IOException | GeneralSecurityException e) {
            log.warn(
                    "server certificate files changed but are not usable yet: {}; still serving {} (a half-written"
                            + " pair is tried again at the next look)",
                    e.getMessage(),
                    describe(keys.served().certificate()));
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    private record Pair(List<X509Certificate> chain, PrivateKey key) {}

    /** The two files' text, as read at one look. */
    private record Texts(String certificate, String key) {}

    private Texts readBoth() {
        return new Texts(read("bridge.grpc.certificate", certificateFile), read("bridge.grpc.key", keyFile));
    }

    private static String read(String setting, Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(
                    setting + ": " + file + " cannot be read (" + e + "; expected: a readable PEM file)", e);
        }
    }

    private Pair parse(Texts text) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = Pem.parseCertificates(text.certificate(), certificateFile.toString());
        PrivateKey key = Pem.parsePrivateKey(text.key(), keyFile.toString());
        X509Certificate certificate = chain.get(0);
        if (!KeyMatch.matches(key, certificate.getPublicKey())) {
            throw new GeneralSecurityException(
                    keyFile + " is not the key of " + certificateFile + " (" + describe(certificate) + ")");
        }
        if (!certificate.getNotAfter().toInstant().isAfter(clock.instant())) {
            throw new GeneralSecurityException(
                    certificateFile + " holds an expired certificate (" + describe(certificate) + ")");
        }
        return new Pair(withIssuer(chain), key);
    }

    /** {@code chain}, with the store CA that signed its first certificate after it if it is not there yet. */
    private List<X509Certificate> withIssuer(List<X509Certificate> chain) {
        if (chain.size() > 1) {
            return chain;
        }
        X509Certificate certificate = chain.get(0);
        for (X509Certificate ca : knownCas.get()) {
            if (IssuedBy.ca(certificate, ca)) {
                List<X509Certificate> completed = new ArrayList<>(chain);
                completed.add(ca);
                return List.copyOf(completed);
            }
        }
        return chain;
    }

    static String describe(X509Certificate certificate) {
        return "serial " + certificate.getSerialNumber().toString(16) + " (\""
                + certificate.getSubjectX500Principal().getName() + "\", valid until "
                + certificate.getNotAfter().toInstant() + ")";
    }
}
