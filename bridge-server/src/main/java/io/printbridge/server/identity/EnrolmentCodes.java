package io.printbridge.server.identity;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.TransactionOperations;
import io.printbridge.certs.CertificateRequests;
import io.printbridge.certs.EnrolmentCode;
import io.printbridge.certs.StoreIdentity;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.grpc.GrpcServerConfig;
import io.printbridge.server.identity.EnrolmentRefusedException.Reason;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-time enrolment codes, for the admin API, the command line and the agents' Enroll call alike:
 * made for a store (only the SHA-256 of the secret is stored), listed without secrets, revoked,
 * and traded once for a certificate. A code is used in the same transaction that issues and
 * records the certificate, by one conditional update ({@link EnrolmentCodeRepository#use}): of two
 * PCs using one code at once, exactly one gets a certificate. Every act and every refusal is in
 * the audit log with who, which store and which host.
 */
@Singleton
public class EnrolmentCodes {

    private static final Logger log = LoggerFactory.getLogger(EnrolmentCodes.class);

    /** Hex digits of the hash that name a code for IT (64 bits: no two codes share them in practice). */
    public static final int ID_LENGTH = 16;
    /** The shortest and longest time a code may be valid. */
    public static final Duration MIN_VALIDITY = Duration.ofMinutes(1);

    public static final Duration MAX_VALIDITY = Duration.ofDays(30);
    /** Listings return at most this many codes, newest first. */
    public static final int MAX_LISTED = 500;

    private static final Pattern VALIDITY = Pattern.compile("([0-9]{1,6})([mhd])");
    private static final Pattern ID = Pattern.compile("[0-9a-f]{" + ID_LENGTH + "}");

    /** A certificate issued for a code. */
    public record Enrolled(String storeId, CertificateIssuer.Issued issued) {}

    private final EnrolmentCodeRepository codes;
    private final AuditLogRepository audit;
    private final CertificateIssuer issuer;
    private final IssuingCa issuingCa;
    private final ServerCertificateCa serverCa;
    private final IdentityConfig config;
    private final GrpcServerConfig grpc;
    private final TransactionOperations<Connection> transactions;
    private final Clock clock;

    public EnrolmentCodes(
            EnrolmentCodeRepository codes,
            AuditLogRepository audit,
            CertificateIssuer issuer,
            IssuingCa issuingCa,
            ServerCertificateCa serverCa,
            IdentityConfig config,
            GrpcServerConfig grpc,
            TransactionOperations<Connection> transactions,
            Clock clock) {
        this.codes = requireNonNull(codes, "codes");
        this.audit = requireNonNull(audit, "audit");
        this.issuer = requireNonNull(issuer, "issuer");
        this.issuingCa = requireNonNull(issuingCa, "issuingCa");
        this.serverCa = requireNonNull(serverCa, "serverCa");
        this.config = requireNonNull(config, "config");
        this.grpc = requireNonNull(grpc, "grpc");
        this.transactions = requireNonNull(transactions, "transactions");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * A new code for {@code storeId}, valid for {@code validFor} (else {@code
     * bridge.identity.enrolment-code-lifetime}).
     *
     * @param by who asks, for the audit log (an admin token's name, or {@code cli:<user>})
     * @throws EnrolmentRefusedException MALFORMED for a bad store id or validity
     */
    public NewEnrolmentCode create(String by, String storeId, @Nullable Duration validFor) {
        if (!StoreIdentity.isValidStoreId(storeId)) {
            throw new EnrolmentRefusedException(
                    Reason.MALFORMED,
                    "store: \"" + storeId + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        Duration validity = validFor == null ? config.enrolmentCodeLifetime() : validFor;
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new EnrolmentRefusedException(
                    Reason.MALFORMED, "valid for: " + validity + " (expected: from 1 minute to 30 days, e.g. 24h)");
        }
        EnrolmentCode code = EnrolmentCode.create(serverCa.sha256());
        String hash = EnrolmentCode.secretSha256Hex(code.secret());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expires = now.plus(validity);
        transactions.executeWrite(status -> {
            codes.insert(hash, storeId, now, cut(by, 100), expires);
            audit.record(
                    TimeOrderedIds.next(),
                    now,
                    cut(by, 100),
                    "enrolment-code.create",
                    storeId,
                    null,
                    "code " + hash.substring(0, ID_LENGTH) + ", valid until " + expires);
            return null;
        });
        log.info(
                "enrolment code {} made for store {} by {}, valid until {}",
                hash.substring(0, ID_LENGTH),
                storeId,
                by,
                expires);
        return new NewEnrolmentCode(hash.substring(0, ID_LENGTH), code.text(), storeId, expires, agentCommand(code));
    }

    /** What to type at the shop's PC for {@code code}. */
    private String agentCommand(EnrolmentCode code) {
        String configured = config.agentAddress();
        // Without it, the server cannot know the name agents reach it by.
        String address = configured != null ? configured : "SERVER:" + grpc.port();
        return "bridge-agent enroll --server " + address + " --code " + code.text();
    }

    /** The newest codes (of {@code storeId}, or of every store), at most {@link #MAX_LISTED}. */
    public List<EnrolmentCodeRow> list(@Nullable String storeId) {
        if (storeId != null && !StoreIdentity.isValidStoreId(storeId)) {
            throw new EnrolmentRefusedException(
                    Reason.MALFORMED,
                    "store: \"" + storeId + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        return storeId == null ? codes.findLatest(MAX_LISTED) : codes.findByStore(storeId, MAX_LISTED);
    }

    /** Now, as the codes' states are judged. */
    public Instant now() {
        return clock.instant();
    }

    /**
     * Revokes the active code {@code id}.
     *
     * @return the code as it now stands
     * @throws EnrolmentRefusedException MALFORMED (not an id), UNKNOWN_CODE, USED_CODE or
     *     REVOKED_CODE (nothing left to revoke)
     */
    public EnrolmentCodeRow revoke(String by, String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        if (!ID.matcher(wanted).matches()) {
            throw new EnrolmentRefusedException(
                    Reason.MALFORMED,
                    "code id: \"" + cut(id, 40) + "\" (expected: the " + ID_LENGTH
                            + " hex digits `enrol-codes list` shows)");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.executeWrite(status -> {
            List<EnrolmentCodeRow> found = codes.findByPrefix(wanted + "%");
            if (found.size() != 1) {
                throw new EnrolmentRefusedException(
                        Reason.UNKNOWN_CODE, "code id: " + wanted + " is not a code of this server");
            }
            EnrolmentCodeRow row = found.get(0);
            if (codes.revoke(row.codeSha256(), now) == 0) {
                throw row.usedAt() != null
                        ? new EnrolmentRefusedException(
                                Reason.USED_CODE,
                                "code " + wanted + " was used on " + row.usedAt() + " by host "
                                        + row.usedByHost() + ": revoke the store instead"
                                        + " (bridge-server stores revoke --store " + row.storeId() + ")")
                        : new EnrolmentRefusedException(
                                Reason.REVOKED_CODE, "code " + wanted + " was revoked already, on " + row.revokedAt());
            }
            audit.record(
                    TimeOrderedIds.next(),
                    now,
                    cut(by, 100),
                    "enrolment-code.revoke",
                    row.storeId(),
                    null,
                    "code " + wanted);
            log.info("enrolment code {} of store {} revoked by {}", wanted, row.storeId(), by);
            return codes.findById(row.codeSha256()).orElseThrow();
        });
    }

    /**
     * Trades the code {@code codeText} for a certificate for the key in {@code request}: checks
     * the request, then uses the code and issues and records the certificate in one transaction.
     *
     * @param hostname the PC that asks, as it names itself (for people; cut to 255 characters)
     * @param peer its network address, for the audit log
     * @throws EnrolmentRefusedException for every refusal, nothing issued; audited
     */
    public Enrolled enrol(String codeText, byte[] request, String hostname, String peer) {
        String host = cut(hostname.isBlank() ? "unknown" : hostname.strip(), 255);
        String client = cut("agent@" + peer, 100);
        try {
            String secret;
            try {
                secret = EnrolmentCode.secretOf(codeText);
            } catch (IllegalArgumentException e) {
                throw new EnrolmentRefusedException(Reason.MALFORMED, Objects.requireNonNull(e.getMessage()));
            }
            try {
                CertificateRequests.verifiedKey(request);
            } catch (IllegalArgumentException e) {
                throw new EnrolmentRefusedException(Reason.MALFORMED, Objects.requireNonNull(e.getMessage()));
            }
            if (!issuingCa.available()) {
                throw new EnrolmentRefusedException(
                        Reason.NO_ISSUING_CA,
                        "this server does not issue certificates (it holds no issuing CA key,"
                                + " bridge.identity.ca-key): ask IT");
            }
            String hash = EnrolmentCode.secretSha256Hex(secret);
            return transactions.executeWrite(status -> useAndIssue(hash, request, host, client));
        } catch (EnrolmentRefusedException refused) {
            auditRefusal(client, refused, host);
            throw refused;
        } catch (RuntimeException e) {
            // Most likely two PCs with one code at once, on a database that refuses the second's
            // wait for the row instead of making it wait: the other one got the certificate.
            if (isConcurrentUse(e)) {
                EnrolmentRefusedException refused = new EnrolmentRefusedException(
                        Reason.USED_CODE, "this enrolment code is being used by another PC right now: ask IT");
                auditRefusal(client, refused, host);
                throw refused;
            }
            throw e;
        }
    }

    private Enrolled useAndIssue(String hash, byte[] request, String host, String client) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        EnrolmentCodeRow row = codes.findById(hash)
                .orElseThrow(() -> new EnrolmentRefusedException(
                        Reason.UNKNOWN_CODE,
                        "this enrolment code is not known to the server: check it (" + EnrolmentCode.SHAPE
                                + ", as IT gave it), or ask IT for a new one"));
        if (codes.use(hash, now, host) == 0) {
            EnrolmentCodeRow current = codes.findById(hash).orElse(row);
            throw refusalFor(current, now);
        }
        CertificateIssuer.Issued issued =
                issuer.issue(request, row.storeId(), CertificateIssuer.Origin.ENROLMENT, host);
        audit.record(
                TimeOrderedIds.next(),
                now,
                client,
                "enrolment-code.use",
                row.storeId(),
                null,
                cut(
                        "code " + row.id() + " used by host " + host + ": certificate "
                                + CertificateIssuer.serialOf(issued.certificate()),
                        2000));
        log.info(
                "store {} enrolled: host {} ({}) used code {}, certificate {} valid until {}",
                row.storeId(),
                io.printbridge.logging.LogSafe.text(host),
                client,
                row.id(),
                CertificateIssuer.serialOf(issued.certificate()),
                issued.certificate().getNotAfter().toInstant());
        return new Enrolled(row.storeId(), issued);
    }

    /** Why a known code may not be used now. */
    private static EnrolmentRefusedException refusalFor(EnrolmentCodeRow row, Instant now) {
        return switch (row.state(now)) {
            case USED ->
                new EnrolmentRefusedException(
                        Reason.USED_CODE,
                        "this enrolment code was already used, on " + row.usedAt() + " by host " + row.usedByHost()
                                + ": a code works once; ask IT for a new one",
                        row.storeId());
            case REVOKED ->
                new EnrolmentRefusedException(
                        Reason.REVOKED_CODE,
                        "this enrolment code was revoked by IT on " + row.revokedAt() + ": ask IT for a new one",
                        row.storeId());
            case EXPIRED, ACTIVE ->
                new EnrolmentRefusedException(
                        Reason.EXPIRED_CODE,
                        "this enrolment code expired on " + row.expiresAt() + ": ask IT for a new one",
                        row.storeId());
        };
    }

    private void auditRefusal(String client, EnrolmentRefusedException refused, String host) {
        try {
            transactions.executeWrite(status -> {
                audit.record(
                        TimeOrderedIds.next(),
                        clock.instant(),
                        client,
                        "enrolment-code.refuse",
                        refused.storeId(),
                        null,
                        cut(refused.reason() + " from host " + host + ": " + refused.getMessage(), 2000));
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("refused enrolment from {} not audited: {}", client, e.toString());
        }
    }

    private static boolean isConcurrentUse(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                // H2: lock timeout / concurrent update (HYT00, 90131); PostgreSQL: serialization failure
                if ("HYT00".equals(state) || "40001".equals(state) || sql.getErrorCode() == 90131) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A validity as IT writes it: {@code 30m}, {@code 24h}, {@code 7d}.
     *
     * @throws EnrolmentRefusedException MALFORMED naming the text and what is expected
     */
    public static Duration parseValidity(String text) {
        Matcher matcher = VALIDITY.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new EnrolmentRefusedException(
                    Reason.MALFORMED,
                    "valid for: \"" + cut(text, 40) + "\" (expected: minutes, hours or days such as 30m, 24h, 7d)");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String cut(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }
}
