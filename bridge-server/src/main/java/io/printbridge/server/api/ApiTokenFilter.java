package io.printbridge.server.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code /api/} call needs {@code Authorization: Bearer <token>} with a known token (401
 * otherwise), and the token needs the scope of the path (403 otherwise): {@code admin} for
 * {@code /api/v1/admin/**}, {@code print} for the rest. Both are answered before a controller
 * runs, so a new controller is covered without remembering a check.
 */
@ServerFilter("/api/**")
final class ApiTokenFilter {

    private static final String BEARER = "Bearer ";
    static final String ADMIN_PATHS = "/api/v1/admin";

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable
    HttpResponse<ApiError> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (header.isEmpty() || !header.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("missing Authorization header (expected: Authorization: Bearer <API token>)");
        }
        Optional<ApiClient> client =
                tokens.authenticate(header.get().substring(BEARER.length()).trim());
        if (client.isEmpty()) {
            return unauthorized("unknown API token (expected: a token configured in bridge.api.tokens or created"
                    + " with `bridge-server tokens create`, not revoked)");
        }
        Scope needed = scopeFor(request.getPath());
        if (!client.get().has(needed)) {
            return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                    .body(ApiError.of(
                            "FORBIDDEN",
                            "API token \"" + client.get().name() + "\" may not call " + request.getPath()
                                    + " (expected: a token with the " + needed.wireName() + " scope; this one has "
                                    + describe(client.get()) + ")"));
        }
        request.setAttribute(ApiClient.ATTRIBUTE, client.get());
        return null;
    }

    static Scope scopeFor(String path) {
        return path.equals(ADMIN_PATHS) || path.startsWith(ADMIN_PATHS + "/") ? Scope.ADMIN : Scope.PRINT;
    }

    private static String describe(ApiClient client) {
        return client.scopes().isEmpty() ? "no scope" : Scope.join(client.scopes());
    }

    private static HttpResponse<ApiError> unauthorized(String message) {
        return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"printbridge\"")
                .body(ApiError.of("UNAUTHENTICATED", message));
    }
}
