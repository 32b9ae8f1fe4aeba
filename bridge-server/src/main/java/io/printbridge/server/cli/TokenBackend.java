package io.printbridge.server.cli;

import io.printbridge.server.admin.IssuedToken;
import io.printbridge.server.admin.TokenRefusedException;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import java.util.List;
import java.util.Set;

/**
 * Where the token commands do their work: the database directly ({@link DatabaseTokens}) or a
 * running server's admin API ({@link AdminApiTokens}). Both refuse the same requests with
 * {@link TokenRefusedException} (exit status 2) and fail with {@link CliFailure} (exit status 1).
 */
interface TokenBackend extends AutoCloseable {

    IssuedToken create(String name, TokenStores stores, Set<Scope> scopes);

    List<TokenListing> list();

    void revoke(String name);

    /** What a revocation through this backend means for the servers, for the user. */
    String revocationEffect();

    @Override
    void close();
}
