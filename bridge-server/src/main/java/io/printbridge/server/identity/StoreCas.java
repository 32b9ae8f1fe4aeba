package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.IssuedBy;
import io.printbridge.certs.Pem;
import io.printbridge.server.grpc.GrpcServerConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store CAs the servers know ({@code certificate_authorities}), as of the last read: which are
 * trusted for agents' certificates and handed to agents for the server, and which one issues.
 * Several servers share the table; each reads it at start and every
 * {@code bridge.identity.ca-refresh-interval} (30 s), and at once after a change it made itself.
 * Whoever needs the trusted set when it changes (the TLS trust of the agents' port, the live
 * streams' CA bundle) listens with {@link #onChange}.
 *
 * <p>The first start on a database without CAs imports {@code bridge.grpc.client-ca} as the issuing
 * CA (its key, if the server holds one, stays at {@code bridge.identity.ca-key}), so an install
 * from before the rollover keeps working as it was.
 */
@Singleton
public class StoreCas {

    private static final Logger log = LoggerFactory.getLogger(StoreCas.class);

    /** A store CA as the table says. */
    public record StoreCa(
            String fingerprint,
            X509Certificate certificate,
            CaState state,
            Instant addedAt,
            String addedBy,
            @Nullable Instant issuingSince,
            @Nullable Instant retiredAt,
            @Nullable String retiredBy) {

        /** The CA's subject, for people. */
        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }

        public boolean trusted() {
            return state != CaState.RETIRED;
        }

        /** Whether this CA's key signed {@code issued}. */
        public boolean signed(X509Certificate issued) {
            return IssuedBy.ca(issued, certificate);
        }
    }

    private final StoreCaRepository rows;
    private final Clock clock;
    private final List<Consumer<List<X509Certificate>>> listeners = new CopyOnWriteArrayList<>();
    private volatile List<StoreCa> known = List.of();

    public StoreCas(StoreCaRepository rows, GrpcServerConfig grpc, Clock clock) {
        this.rows = requireNonNull(rows, "rows");
        this.clock = requireNonNull(clock, "clock");
        requireNonNull(grpc, "grpc");
        refresh();
        importConfigured(grpc);
    }

    /** Every CA known, the issuing one first, then by when it was added. */
    public List<StoreCa> all() {
        return known;
    }

    /** The CA certificates agents' certificates may come from, and agents trust for the server: all but the retired. */
    public List<X509Certificate> trusted() {
        return known.stream().filter(StoreCa::trusted).map(StoreCa::certificate).toList();
    }

    /** The CA new agent certificates come from. */
    public Optional<StoreCa> issuing() {
        return known.stream().filter(ca -> ca.state() == CaState.ISSUING).findFirst();
    }

    public Optional<StoreCa> find(String fingerprint) {
        return known.stream().filter(ca -> ca.fingerprint().equals(fingerprint)).findFirst();
    }

    /** The known CA that signed {@code certificate}, trusted ones first. */
    public Optional<StoreCa> signerOf(X509Certificate certificate) {
        return known.stream()
                .sorted(Comparator.comparing(StoreCa::trusted).reversed())
                .filter(ca -> ca.signed(certificate))
                .findFirst();
    }

    /** {@code listener} hears the trusted CA certificates each time that set changes (not at once). */
    public void onChange(Consumer<List<X509Certificate>> listener) {
        listeners.add(requireNonNull(listener, "listener"));
    }

    /** Reads the table again; the listeners hear the trusted set if it changed since the last read. */
    public final synchronized void refresh() {
        List<StoreCa> read = new ArrayList<>();
        for (StoreCaRow row : rows.findAllCas()) {
            read.add(new StoreCa(
                    row.fingerprint(),
                    certificate(row),
                    CaState.valueOf(row.state()),
                    row.addedAt(),
                    row.addedBy(),
                    row.issuingSince(),
                    row.retiredAt(),
                    row.retiredBy()));
        }
        read.sort(Comparator.comparing((StoreCa ca) -> ca.state() != CaState.ISSUING)
                .thenComparing(StoreCa::addedAt));
        List<X509Certificate> before = trusted();
        known = List.copyOf(read);
        List<X509Certificate> after = trusted();
        if (!after.equals(before)) {
            log.info(
                    "store CAs trusted for agents: {}",
                    known.stream()
                            .filter(StoreCa::trusted)
                            .map(ca -> ca.fingerprint().substring(0, 16) + " " + ca.state())
                            .toList());
            for (Consumer<List<X509Certificate>> listener : listeners) {
                try {
                    listener.accept(after);
                } catch (RuntimeException e) {
                    log.warn("a change of the trusted store CAs was not taken up: {}", e.toString());
                }
            }
        }
    }

    /**
     * {@code bridge.grpc.client-ca} into the table: as the issuing CA on the first start (an
     * install from before the rollover), as a trusted one if IT configured a CA the table does not
     * know. A configured CA that was retired stays retired.
     */
    private void importConfigured(GrpcServerConfig grpc) {
        if (!Files.isReadable(grpc.clientCa())) {
            if (known.isEmpty()) {
                throw new IllegalStateException("bridge.grpc.client-ca: " + grpc.clientCa()
                        + " (expected: a readable PEM file, the store CA, which the first start records as the"
                        + " issuing CA)");
            }
            return;
        }
        X509Certificate configured;
        try {
            configured = Pem.readCertificate(grpc.clientCa());
        } catch (IOException e) {
            throw new UncheckedIOException("bridge.grpc.client-ca: " + e.getMessage(), e);
        }
        String fingerprint = Fingerprints.sha256Hex(configured);
        Optional<StoreCa> found = find(fingerprint);
        if (found.isPresent()) {
            if (!found.get().trusted()) {
                log.warn(
                        "bridge.grpc.client-ca {} is the store CA {}, which was retired: it is not trusted;"
                                + " take it out of the configuration",
                        grpc.clientCa(),
                        fingerprint);
            }
            return;
        }
        CaState state = known.isEmpty() ? CaState.ISSUING : CaState.TRUSTED;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            rows.insert(
                    fingerprint,
                    Pem.certificate(configured),
                    cut(configured.getSubjectX500Principal().getName(), 500),
                    configured.getNotAfter().toInstant(),
                    state.name(),
                    now,
                    "configuration",
                    state == CaState.ISSUING ? now : null);
            log.info(
                    "store CA {} ({}) from bridge.grpc.client-ca recorded as {}",
                    fingerprint,
                    configured.getSubjectX500Principal().getName(),
                    state);
        } catch (RuntimeException e) {
            // Another server sharing the database recorded it first: what it wrote counts.
            log.info("store CA {} not recorded here ({}); reading what is there", fingerprint, e.toString());
        }
        refresh();
    }

    private static X509Certificate certificate(StoreCaRow row) {
        try {
            return Pem.parseCertificates(row.certificate(), "certificate_authorities " + row.fingerprint())
                    .get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    /** Rereads the table for changes made by another server or the command line (not in the command line's context). */
    @Singleton
    @Requires(notEnv = "cli")
    static final class Refresh {

        private final StoreCas cas;

        Refresh(StoreCas cas) {
            this.cas = cas;
        }

        @Scheduled(
                fixedDelay = "${bridge.identity.ca-refresh-interval:30s}",
                initialDelay = "${bridge.identity.ca-refresh-interval:30s}")
        void refresh() {
            try {
                cas.refresh();
            } catch (RuntimeException e) {
                log.warn("store CAs not reread, trying again later: {}", e.toString());
            }
        }
    }
}
