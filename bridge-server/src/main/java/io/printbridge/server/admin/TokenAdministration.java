package io.printbridge.server.admin;

import static java.util.Objects.requireNonNull;

import io.micronaut.transaction.TransactionOperations;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import io.printbridge.server.db.ApiTokenRepository;
import io.printbridge.server.db.ApiTokenRow;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.ids.TimeOrderedIds;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Creates, lists and revokes the API tokens kept in the database, for the admin API and for the
 * command line alike, and writes each action to the audit log with who asked. Only the SHA-256 of
 * a token is stored; the token itself is returned once, at creation.
 */
@Singleton
public final class TokenAdministration {

    private static final String NAME = "[A-Za-z0-9._-]{1,100}";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TransactionOperations<Connection> transactions;
    private final ApiTokenRepository tokens;
    private final AuditLogRepository audit;
    private final ApiTokens apiTokens;
    private final Clock clock;

    TokenAdministration(
            TransactionOperations<Connection> transactions,
            ApiTokenRepository tokens,
            AuditLogRepository audit,
            ApiTokens apiTokens,
            Clock clock) {
        this.transactions = requireNonNull(transactions, "transactions");
        this.tokens = requireNonNull(tokens, "tokens");
        this.audit = requireNonNull(audit, "audit");
        this.apiTokens = requireNonNull(apiTokens, "apiTokens");
        this.clock = requireNonNull(clock, "clock");
    }

    /**
     * A new token named {@code name}. Whoever may call this may give any scope: the admin scope
     * is worth every right there is.
     *
     * @param by who asks, for the audit log (an admin token's name, or {@code cli:<user>})
     * @param stores what {@link TokenStores#requireForNewToken} accepted; ignored (none) without the print scope
     * @throws TokenRefusedException for an invalid or taken name, or no scope
     */
    public IssuedToken create(String by, String name, TokenStores stores, Set<Scope> scopes) {
        checkName(name);
        if (scopes.isEmpty()) {
            throw new TokenRefusedException(
                    TokenRefusedException.Reason.INVALID,
                    "scopes: [] (expected: at least one of " + Scope.known() + ")");
        }
        TokenStores reach = Scope.reachesStores(scopes) ? stores : TokenStores.NONE;
        if (Scope.reachesStores(scopes) && reach.isNone()) {
            throw new TokenRefusedException(
                    TokenRefusedException.Reason.INVALID,
                    "stores: [] names no store (expected: store ids, or * for every store)");
        }
        if (apiTokens.isConfigured(name)) {
            throw new TokenRefusedException(
                    TokenRefusedException.Reason.NAME_TAKEN,
                    "name: \"" + name
                            + "\" is a token of the configuration, bridge.api.tokens (expected: a name of its own)");
        }
        if (tokens.countByName(name) > 0) {
            throw nameTaken(name);
        }
        String token = newToken();
        Instant now = clock.instant();
        try {
            transactions.executeWrite(status -> {
                tokens.insert(name, ApiTokens.sha256(token), reach.joined(), Scope.join(scopes), now);
                audit.record(
                        TimeOrderedIds.next(),
                        now,
                        by,
                        "token.create",
                        null,
                        null,
                        "token " + name + " for stores " + reach.joined() + " with scopes " + Scope.join(scopes));
                return null;
            });
        } catch (RuntimeException e) {
            // Two creations of one name at once: the primary key lets one through.
            if (tokens.countByName(name) > 0) {
                throw nameTaken(name);
            }
            throw e;
        }
        return new IssuedToken(name, token, reach, scopes, now);
    }

    /** Every token in the database, revoked ones included, by name; never a hash or a token. */
    public List<ApiTokenRow> list(String by) {
        return transactions.executeWrite(status -> {
            List<ApiTokenRow> all = tokens.findAllTokens();
            audit.record(TimeOrderedIds.next(), clock.instant(), by, "token.list", null, null, all.size() + " tokens");
            return all;
        });
    }

    /**
     * Revokes the active token {@code name}: this server refuses it from now on; others sharing
     * the database within {@link ApiTokens#CACHE_FOR}.
     *
     * @throws TokenRefusedException when there is no active token of that name in the database
     */
    public void revoke(String by, String name) {
        Instant now = clock.instant();
        boolean revoked = transactions.executeWrite(status -> {
            if (tokens.revoke(name, now) == 0) {
                return false;
            }
            audit.record(TimeOrderedIds.next(), now, by, "token.revoke", null, null, "token " + name);
            return true;
        });
        // After the commit: a lookup before it would find the token active again and cache it.
        apiTokens.forget(name);
        if (!revoked) {
            String where = apiTokens.isConfigured(name)
                    ? " in the database; it is in the configuration (bridge.api.tokens): remove it there and restart"
                    : " (expected: the name of an active token; see tokens list)";
            throw new TokenRefusedException(
                    TokenRefusedException.Reason.UNKNOWN, "name: \"" + name + "\": no active token" + where);
        }
    }

    private static TokenRefusedException nameTaken(String name) {
        return new TokenRefusedException(
                TokenRefusedException.Reason.NAME_TAKEN,
                "name: \"" + name
                        + "\" is taken (expected: a new name; revoke the old token and choose another name to replace it)");
    }

    private static void checkName(String name) {
        if (!name.matches(NAME)) {
            throw new TokenRefusedException(
                    TokenRefusedException.Reason.INVALID,
                    "name: \"" + name + "\" (expected: 1-100 letters, digits, '.', '_' or '-')");
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "pb_" + HexFormat.of().formatHex(bytes);
    }
}
