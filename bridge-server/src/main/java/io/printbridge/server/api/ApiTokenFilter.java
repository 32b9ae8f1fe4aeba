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
 * Every {@code /api/} call needs {@code Authorization: Bearer <token>} with a configured token;
 * anything else is answered 401 before a controller runs.
 */
@ServerFilter("/api/**")
final class ApiTokenFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokens tokens;

    ApiTokenFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @RequestFilter
    @Nullable HttpResponse<ApiError> authenticate(HttpRequest<?> request) {
        Optional<String> header = request.getHeaders().getAuthorization();
        if (header.isEmpty() || !header.get().regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return unauthorized("missing Authorization header (expected: Authorization: Bearer <API token>)");
        }
        Optional<ApiClient> client = tokens.authenticate(header.get().substring(BEARER.length()).trim());
        if (client.isEmpty()) {
            return unauthorized("unknown API token (expected: a token configured in bridge.api.tokens)");
        }
        request.setAttribute(ApiClient.ATTRIBUTE, client.get());
        return null;
    }

    private static HttpResponse<ApiError> unauthorized(String message) {
        return HttpResponse.<ApiError>status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"printbridge\"")
                .body(ApiError.of("UNAUTHENTICATED", message));
    }
}
