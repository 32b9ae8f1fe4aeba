package io.printbridge.server.admin;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The answer to a creation: the token itself, shown this once and stored nowhere. */
@Schema(name = "IssuedToken", description = "A new token; `token` is shown only in this answer.")
public record IssuedTokenView(
        String name,

        @Schema(description = "The bearer token: give it to its holder now; only its SHA-256 is kept.")
        String token,

        List<String> stores,
        List<String> scopes,
        Instant createdAt) {

    static IssuedTokenView of(IssuedToken issued) {
        return new IssuedTokenView(
                issued.name(),
                issued.token(),
                issued.stores().asList(),
                TokenView.names(issued.scopes()),
                issued.createdAt());
    }
}
