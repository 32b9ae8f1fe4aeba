package io.printbridge.server.cli;

import org.jspecify.annotations.Nullable;

/** One line of {@code tokens list}, the same from the database and from the admin API. */
record TokenListing(String name, String stores, String scopes, String createdAt, @Nullable String revokedAt) {

    String line() {
        return String.format("%-24s stores=%-30s scopes=%-12s created %s%s", name, stores, scopes, createdAt,
                revokedAt == null ? "" : ", revoked " + revokedAt);
    }
}
