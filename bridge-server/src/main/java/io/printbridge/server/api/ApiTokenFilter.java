package io.printbridge.server.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Every {@code /api/} call needs {@code Authorization: Bearer <token>} with a known token (401
 * otherwise), and the token needs a scope of the path (403 otherwise): {@code admin} for
 * {@code /api/v1/admin/**}; {@code attendance} for {@code /api/v1/attendance/**} and a store's
 * clocks; {@code print} or {@code attendance} for the jobs' paths, where the controller then
 * checks each job's type (a clock's job needs {@code attendance}); {@code print} for the rest.
 * Answered before a controller runs, so a new controller is covered without remembering a check.
 */
@ServerFilter("/api/**")
final class ApiTokenFilter {

    private static final String BEARER = "Bearer ";
    static final String ADMIN_PATHS = "/api/v1/admin";
    static final String ATTENDANCE_PATHS = "/api/v1/attendance";
    private static final Pattern STORE_CLOCKS = Pattern.compile("/api/v1/stores/[^/]+/clocks(/.*)?");
    private static final Pattern STORE_JOBS = Pattern.compile("/api/v1/stores/[^/]+/jobs(/.*)?");

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
        Set<Scope> admitting = scopesFor(request.getPath());
        if (admitting.stream().noneMatch(client.get()::has)) {
            return HttpResponse.<ApiError>status(HttpStatus.FORBIDDEN)
                    .body(ApiError.of(
                            "FORBIDDEN",
                            "API token \"" + client.get().name() + "\" may not call " + request.getPath()
                                    + " (expected: a token with the "
                                    + Scope.join(admitting).replace(",", " or ")
                                    + " scope; this one has " + describe(client.get()) + ")"));
        }
        request.setAttribute(ApiClient.ATTRIBUTE, client.get());
        return null;
    }

    /** The scopes any one of which lets a token call {@code path}. */
    static Set<Scope> scopesFor(String path) {
        if (under(path, ADMIN_PATHS)) {
            return Set.of(Scope.ADMIN);
        }
        if (under(path, ATTENDANCE_PATHS) || STORE_CLOCKS.matcher(path).matches()) {
            return Set.of(Scope.ATTENDANCE);
        }
        // Live events carry both kinds: each event says which scope may see it (LiveEventHub).
        if (under(path, "/api/v1/jobs")
                || under(path, "/api/v1/events")
                || STORE_JOBS.matcher(path).matches()) {
            return EnumSet.of(Scope.PRINT, Scope.ATTENDANCE);
        }
        return Set.of(Scope.PRINT);
    }

    private static boolean under(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
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
