package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.server.db.ApiTokenRepository;
import io.printbridge.server.db.ApiTokenRow;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Who a token is and what it reaches, from the configuration and from the database, and the database cache. */
class ApiTokensTest {

    static final String TOKEN = "pb_test-token";

    final Rows rows = new Rows();
    final Clock clock = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void aConfiguredTokenWithAnEmptyStoreListReachesNoStore() {
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiTokenConfig("erp", ApiTokens.sha256(TOKEN), List.of(), List.of("print"))), rows, clock);

        ApiClient client = tokens.authenticate(TOKEN).orElseThrow();

        assertThat(client.mayUse("alger-01")).isFalse();
        assertThat(client.stores().isNone()).isTrue();
    }

    @Test
    void aConfiguredTokenWithoutAStoreListReachesNoStore() {
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiTokenConfig("erp", ApiTokens.sha256(TOKEN), null, List.of("print"))), rows, clock);

        assertThat(tokens.authenticate(TOKEN).orElseThrow().mayUse("alger-01")).isFalse();
    }

    @Test
    void aConfiguredStarReachesEveryStore() {
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiTokenConfig("erp", ApiTokens.sha256(TOKEN), List.of("*"), List.of("print"))),
                rows,
                clock);

        assertThat(tokens.authenticate(TOKEN).orElseThrow().mayUse("any-store")).isTrue();
    }

    @Test
    void configuredScopesAreRead() {
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiTokenConfig("it", ApiTokens.sha256(TOKEN), null, List.of("admin", "print"))),
                rows,
                clock);

        assertThat(tokens.authenticate(TOKEN).orElseThrow().scopes())
                .containsExactlyInAnyOrder(Scope.ADMIN, Scope.PRINT);
    }

    @Test
    void anUnknownConfiguredScopeStopsTheServerNamingTheSetting() {
        assertThatThrownBy(() -> new ApiTokens(
                        List.of(new ApiTokenConfig("it", ApiTokens.sha256(TOKEN), null, List.of("admni"))),
                        rows,
                        clock))
                .hasMessage("bridge.api.tokens.it.scopes: \"admni\" (expected: print, admin or attendance)");
    }

    @Test
    void aDatabaseTokenWhoseStoreListIsEmptyReachesNoStore() {
        rows.add("pos", "", "print");
        ApiTokens tokens = new ApiTokens(List.of(), rows, clock);

        assertThat(tokens.authenticate(TOKEN).orElseThrow().mayUse("alger-01")).isFalse();
    }

    @Test
    void aDatabaseTokenOfACommaReachesNoStore() {
        // What `tokens create --stores ","` stored before it was refused: it reached every store.
        rows.add("pos", ",", "print");
        ApiTokens tokens = new ApiTokens(List.of(), rows, clock);

        assertThat(tokens.authenticate(TOKEN).orElseThrow().mayUse("alger-01")).isFalse();
    }

    @Test
    void aScopeThisServerDoesNotKnowGrantsNothing() {
        rows.add("clock-in", "alger-01", "payroll,print");
        ApiTokens tokens = new ApiTokens(List.of(), rows, clock);

        assertThat(tokens.authenticate(TOKEN).orElseThrow().scopes()).containsExactly(Scope.PRINT);
    }

    @Test
    void aDatabaseTokenIsCachedUntilForgotten() {
        rows.add("pos", "alger-01", "print");
        ApiTokens tokens = new ApiTokens(List.of(), rows, clock);
        assertThat(tokens.authenticate(TOKEN)).isPresent();

        rows.revokeAll();
        assertThat(tokens.authenticate(TOKEN)).as("still cached").isPresent();

        tokens.forget("pos");
        assertThat(tokens.authenticate(TOKEN)).isEmpty();
    }

    @Test
    void aLookupOverlappingARevocationDoesNotCacheWhatItRead() {
        rows.add("pos", "alger-01", "print");
        ApiTokens tokens = new ApiTokens(List.of(), rows, clock);
        // The revocation commits and is forgotten while this lookup has the old row in hand.
        rows.duringNextLookup = () -> {
            rows.revokeAll();
            tokens.forget("pos");
        };

        assertThat(tokens.authenticate(TOKEN)).as("read before the revocation").isPresent();
        assertThat(tokens.authenticate(TOKEN))
                .as("not served from the cache afterwards")
                .isEmpty();
    }

    @Test
    void configuredNamesAreKnown() {
        ApiTokens tokens = new ApiTokens(
                List.of(new ApiTokenConfig("erp", ApiTokens.sha256(TOKEN), List.of("*"), List.of("print"))),
                rows,
                clock);

        assertThat(tokens.isConfigured("erp")).isTrue();
        assertThat(tokens.isConfigured("pos")).isFalse();
    }

    /** The api_tokens table, in memory. */
    static final class Rows implements ApiTokenRepository {
        final List<ApiTokenRow> rows = new ArrayList<>();

        @Nullable
        Runnable duringNextLookup;

        void add(String name, String stores, String scopes) {
            rows.add(new ApiTokenRow(name, ApiTokens.sha256(TOKEN), stores, scopes, Instant.EPOCH, null));
        }

        void revokeAll() {
            rows.replaceAll(
                    r -> new ApiTokenRow(r.name(), r.sha256(), r.stores(), r.scopes(), r.createdAt(), Instant.EPOCH));
        }

        @Override
        public Optional<ApiTokenRow> findActive(String sha256) {
            Optional<ApiTokenRow> found = rows.stream()
                    .filter(r -> r.sha256().equals(sha256) && r.revokedAt() == null)
                    .findFirst();
            if (duringNextLookup != null) {
                Runnable action = duringNextLookup;
                duringNextLookup = null;
                action.run();
            }
            return found;
        }

        @Override
        public List<ApiTokenRow> findAllTokens() {
            return List.copyOf(rows);
        }

        @Override
        public long countByName(String name) {
            return rows.stream().filter(r -> r.name().equals(name)).count();
        }

        @Override
        public void insert(String name, String sha256, String stores, String scopes, Instant createdAt) {
            rows.add(new ApiTokenRow(name, sha256, stores, scopes, createdAt, null));
        }

        @Override
        public long revoke(String name, Instant at) {
            return 0;
        }
    }
}
