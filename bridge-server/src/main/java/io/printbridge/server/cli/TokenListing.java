package io.printbridge.server.cli;

import org.jspecify.annotations.Nullable;

/** One line of {@code tokens list}, the same from the database and from the admin API. */
record TokenListing(
        String name,
        String stores,
        String scopes,
        String createdAt,
        @Nullable String revokedAt) {

    String line() {
        // "-" for a token that reaches no store (an admin token): a blank would look like a lost column.
        return String.format(
                "%-24s stores=%-30s scopes=%-12s created %s%s",
                name,
                stores.isEmpty() ? "-" : stores,
                scopes,
                createdAt,
                revokedAt == null ? "" : ", revoked " + revokedAt);
    }
}
