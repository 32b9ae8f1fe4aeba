package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.TransactionOperations;
import io.printbridge.certs.Fingerprints;
import io.printbridge.certs.Pem;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.grpc.GrpcServerConfig;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Rolling the store CA, for the command line and the admin API alike: add a new CA (trusted at
 * once, and handed to agents), make it the one new certificates come from, see how many shops are
 * still on each, and retire the old one once no live certificate depends on it. Each change is
 * written to {@code certificate_authorities} with who made it, audited, and taken up by this server
 * at once (by the others sharing the database at their next read).
 */
@Singleton
public class CaRollover {

    /**
     * Where one CA stands.
     *
     * @param liveCertificates agent certificates it issued that are not expired, retired by a
     *     renewal in use, nor revoked (certificates made by hand with the certs tool are not counted)
     * @param stores how many stores hold those
     * @param signsServerCertificate whether it signed the server's certificate ({@code bridge.grpc.certificate})
     * @param keyOnThisServer whether this server holds its key (it can issue with it)
     * @param storesNotSeenSinceAdded stores that have not been connected since the CA was added, so
     *     may not have been handed it yet: until that is 0, a server certificate from this CA would
     *     leave them unable to connect (a store connected when it was added was handed it on its
     *     live stream)
     */
    public record CaStatus(
            String fingerprint,
            String subject,
            CaState state,
            Instant notAfter,
            Instant addedAt,
            String addedBy,
            @Nullable Instant retiredAt,
            long liveCertificates,
            long stores,
            boolean signsServerCertificate,
            boolean keyOnThisServer,
            long storesNotSeenSinceAdded) {}

    /** A CA added: its record, and where its key was kept (null without a key). */
    public record Added(StoreCas.StoreCa ca, @Nullable Path keyFile) {}

    /** A CA retired, with what still depended on it (nothing unless forced). */
    public record Retired(StoreCas.StoreCa ca, long liveCertificates, long stores, boolean signedServerCertificate) {}

    private final StoreCas cas;
    private final CaKeys keys;
    private final StoreCaRepository rows;
    private final AuditLogRepository audit;
    private final TransactionOperations<Connection> transactions;
    private final GrpcServerConfig grpc;
    private final Clock clock;

    public CaRollover(
            StoreCas cas,
            CaKeys keys,
            StoreCaRepository rows,
            AuditLogRepository audit,
            TransactionOperations<Connection> transactions,
            GrpcServerConfig grpc,
            Clock clock) {
        this.cas = requireNonNull(cas, "cas");
        this.keys = requireNonNull(keys, "keys");
        this.rows = requireNonNull(rows, "rows");
        this.audit = requireNonNull(audit, "audit");
        this.transactions = requireNonNull(transactions, "transactions");
        this.grpc = requireNonNull(grpc, "grpc");
        this.clock = requireNonNull(clock, "clock");
    }

    /** Every CA known, the issuing one first, as the database says now. */
    public List<CaStatus> status() {
        cas.refresh();
        Map<String, StoreCaRepository.LiveCertificates> live = live();
        @Nullable X509Certificate server = serverCertificate();
        return cas.all().stream()
                .map(ca -> {
                    StoreCaRepository.LiveCertificates counted = live.get(ca.fingerprint());
                    return new CaStatus(
                            ca.fingerprint(),
                            ca.subject(),
                            ca.state(),
                            ca.certificate().getNotAfter().toInstant(),
                            ca.addedAt(),
                            ca.addedBy(),
                            ca.retiredAt(),
                            counted == null ? 0 : counted.certificates(),
                            counted == null ? 0 : counted.stores(),
                            server != null && ca.signed(server),
                            hasKey(ca),
                            ca.trusted() ? rows.countStoresNotSeenSince(ca.addedAt()) : 0);
                })
                .toList();
    }

    /**
     * Adds {@code certificate} as a trusted store CA: agents' certificates from it are accepted, and
     * live agents are handed it to trust for the server. With {@code key}, this server keeps it to
     * issue with later ({@link #issueFrom}).
     *
     * @param by who asks, for the record and the audit log
     * @throws IllegalArgumentException if it is not a usable CA certificate, or the key is not its
     * @throws CaChangeRefusedException if the CA is known already
     */
    public Added add(String by, X509Certificate certificate, @Nullable PrivateKey key) {
        requireNonNull(certificate, "certificate");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        checkCa(certificate, now);
        String fingerprint = Fingerprints.sha256Hex(certificate);
        cas.refresh();
        StoreCas.StoreCa known = cas.find(fingerprint).orElse(null);
        if (known != null && !known.trusted()) {
            throw new CaChangeRefusedException("store CA " + fingerprint + " was retired on " + known.retiredAt()
                    + "; a retired CA is not trusted again (expected: a new CA, made with `certs init-ca`)");
        }
        if (known != null && (key == null || hasKey(known))) {
            throw new CaChangeRefusedException("store CA " + fingerprint + " is already " + known.state()
                    + " (added on " + known.addedAt() + " by " + known.addedBy() + ")");
        }
        Path keyFile = key == null ? null : keys.keep(certificate, key);
        if (known != null) {
            audit(by, "ca.add-key", fingerprint, "key kept in " + keyFile);
            return new Added(known, keyFile);
        }
        transactions.executeWrite(status -> {
            rows.insert(
                    fingerprint,
                    Pem.certificate(certificate),
                    StoreCas.cut(certificate.getSubjectX500Principal().getName(), 500),
                    certificate.getNotAfter().toInstant(),
                    CaState.TRUSTED.name(),
                    now,
                    StoreCas.cut(by, 100),
                    null);
            audit.record(
                    TimeOrderedIds.next(),
                    now,
                    StoreCas.cut(by, 100),
                    "ca.add",
                    null,
                    null,
                    fingerprint + " "
                            + StoreCas.cut(certificate.getSubjectX500Principal().getName(), 500)
                            + (keyFile == null ? "" : ", key kept in " + keyFile));
            return null;
        });
        cas.refresh();
        return new Added(cas.find(fingerprint).orElseThrow(), keyFile);
    }

    /**
     * Makes the CA {@code fingerprint} (or a unique beginning of it) the one new agent certificates
     * come from; the issuing one until now stays trusted.
     *
     * @throws IllegalArgumentException for an unknown or ambiguous fingerprint
     * @throws CaChangeRefusedException if it was retired, or this server does not hold its key
     */
    public StoreCas.StoreCa issueFrom(String by, String fingerprint) {
        StoreCas.StoreCa ca = resolve(fingerprint);
        if (!ca.trusted()) {
            throw new CaChangeRefusedException("store CA " + ca.fingerprint() + " was retired on " + ca.retiredAt()
                    + "; it cannot issue (expected: a trusted CA, see `bridge-server ca status`)");
        }
        if (ca.state() == CaState.ISSUING) {
            throw new CaChangeRefusedException(
                    "store CA " + ca.fingerprint() + " is already the issuing CA (since " + ca.issuingSince() + ")");
        }
        if (!hasKey(ca)) {
            throw new CaChangeRefusedException("this server holds no key for store CA " + ca.fingerprint()
                    + " (expected: " + keys.fileFor(ca.fingerprint())
                    + ", written by `bridge-server ca add --certificate CA.pem --key CA.key`); every server that"
                    + " issues needs it");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWrite(status -> {
            rows.demoteIssuing();
            if (rows.makeIssuing(ca.fingerprint(), now) != 1) {
                throw new CaChangeRefusedException(
                        "store CA " + ca.fingerprint() + " was retired meanwhile; nothing changed");
            }
            audit.record(
                    TimeOrderedIds.next(), now, StoreCas.cut(by, 100), "ca.issue-from", null, null, ca.fingerprint());
            return null;
        });
        cas.refresh();
        return cas.find(ca.fingerprint()).orElseThrow();
    }

    /**
     * Retires the CA {@code fingerprint} (or a unique beginning of it): its agents' certificates are
     * refused at their next handshake, and agents stop trusting it for the server. Refused while live
     * certificates depend on it or it signed the server's certificate, unless {@code force}; refused
     * always for the issuing CA.
     *
     * @throws IllegalArgumentException for an unknown or ambiguous fingerprint
     * @throws CaChangeRefusedException saying why, with the numbers
     */
    public Retired retire(String by, String fingerprint, boolean force) {
        StoreCas.StoreCa ca = resolve(fingerprint);
        if (!ca.trusted()) {
            throw new CaChangeRefusedException(
                    "store CA " + ca.fingerprint() + " was already retired on " + ca.retiredAt());
        }
        if (ca.state() == CaState.ISSUING) {
            throw new CaChangeRefusedException("store CA " + ca.fingerprint() + " is the issuing CA: new certificates"
                    + " come from it (expected: make another CA issuing first, `bridge-server ca issue-from"
                    + " FINGERPRINT`, and let renewals move the shops over)");
        }
        StoreCaRepository.LiveCertificates counted = live().get(ca.fingerprint());
        long certificates = counted == null ? 0 : counted.certificates();
        long stores = counted == null ? 0 : counted.stores();
        X509Certificate server = serverCertificate();
        boolean signsServer = server != null && ca.signed(server);
        if (!force && (certificates > 0 || signsServer)) {
            StringBuilder why = new StringBuilder("store CA " + ca.fingerprint() + " is still needed: ");
            if (certificates > 0) {
                why.append(certificates)
                        .append(" live agent certificate(s) of ")
                        .append(stores)
                        .append(" store(s) come from it (they move to the issuing CA as they renew, at half their"
                                + " lifetime; `bridge-server ca status` counts them)");
            }
            if (signsServer) {
                why.append(certificates > 0 ? "; and " : "")
                        .append("it signed the server's certificate ")
                        .append(grpc.certificate())
                        .append(" (replace it with one from the issuing CA first: agents would no longer trust the"
                                + " server)");
            }
            why.append(". --force retires it anyway, cutting those shops off.");
            throw new CaChangeRefusedException(why.toString());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWrite(status -> {
            if (rows.retire(ca.fingerprint(), now, StoreCas.cut(by, 100)) != 1) {
                throw new CaChangeRefusedException("store CA " + ca.fingerprint()
                        + " changed meanwhile (now issuing or retired); nothing changed");
            }
            audit.record(
                    TimeOrderedIds.next(),
                    now,
                    StoreCas.cut(by, 100),
                    "ca.retire",
                    null,
                    null,
                    ca.fingerprint()
                            + (force
                                    ? " (forced: " + certificates + " live certificate(s) of " + stores + " store(s)"
                                            + (signsServer ? ", the server's certificate" : "") + ")"
                                    : ""));
            return null;
        });
        cas.refresh();
        return new Retired(cas.find(ca.fingerprint()).orElseThrow(), certificates, stores, signsServer);
    }

    /**
     * The CA {@code fingerprint} names: its 64 hex digits (colons and case do not matter), or a
     * beginning of at least 8 that only one CA has.
     *
     * @throws IllegalArgumentException for a fingerprint no CA or several CAs have
     */
    public StoreCas.StoreCa resolve(String fingerprint) {
        String wanted = fingerprint.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!wanted.matches("[0-9a-f]{8,64}")) {
            throw new IllegalArgumentException("fingerprint: \"" + fingerprint
                    + "\" (expected: the CA's SHA-256 fingerprint in hex, or its first 8 digits or more, as"
                    + " `bridge-server ca status` shows it)");
        }
        cas.refresh();
        List<StoreCas.StoreCa> matching = cas.all().stream()
                .filter(ca -> ca.fingerprint().startsWith(wanted))
                .toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException("fingerprint: \"" + fingerprint + "\" names "
                    + (matching.isEmpty() ? "no store CA" : matching.size() + " store CAs")
                    + " (expected: one of "
                    + cas.all().stream().map(StoreCas.StoreCa::fingerprint).toList() + ")");
        }
        return matching.get(0);
    }

    private void checkCa(X509Certificate certificate, Instant now) {
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalArgumentException(
                    "--certificate: \"" + certificate.getSubjectX500Principal().getName()
                            + "\" is not a CA certificate (expected: basicConstraints CA:TRUE, as `certs init-ca` makes)");
        }
        boolean[] usage = certificate.getKeyUsage();
        if (usage != null && (usage.length < 6 || !usage[5])) {
            throw new IllegalArgumentException(
                    "--certificate: \"" + certificate.getSubjectX500Principal().getName()
                            + "\" may not sign certificates (expected: key usage keyCertSign)");
        }
        if (!certificate.getNotAfter().toInstant().isAfter(now)) {
            throw new IllegalArgumentException(
                    "--certificate: \"" + certificate.getSubjectX500Principal().getName() + "\" expired on "
                            + certificate.getNotAfter().toInstant() + " (expected: a CA still valid)");
        }
    }

    private boolean hasKey(StoreCas.StoreCa ca) {
        try {
            return keys.find(ca.certificate()).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Map<String, StoreCaRepository.LiveCertificates> live() {
        Map<String, StoreCaRepository.LiveCertificates> byCa = new HashMap<>();
        for (StoreCaRepository.LiveCertificates counted : rows.countLive(clock.instant())) {
            byCa.put(counted.caFingerprint(), counted);
        }
        return byCa;
    }

    /** The server's certificate as its file holds it now (what new handshakes get), or null if unreadable. */
    private @Nullable X509Certificate serverCertificate() {
        try {
            return Pem.readCertificate(grpc.certificate());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void audit(String by, String action, String fingerprint, String detail) {
        audit.record(
                TimeOrderedIds.next(),
                clock.instant(),
                StoreCas.cut(by, 100),
                action,
                null,
                null,
                fingerprint + " " + detail);
    }
}
