package io.printbridge.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.printbridge.server.admin.IssuedToken;
import io.printbridge.server.admin.TokenRefusedException;
import io.printbridge.server.api.ApiTokens;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The token commands through a running server's admin API ({@code /api/v1/admin/tokens}), with
 * an admin token: what works while the server holds its H2 file, and what takes effect on that
 * server at once.
 */
final class AdminApiTokens implements TokenBackend {

    private static final String PATH = "/api/v1/admin/tokens";

    private final AdminApiClient api;
    private final ObjectMapper json = new ObjectMapper();

    AdminApiTokens(URI server, String adminToken) {
        this.api = new AdminApiClient(server, adminToken);
    }

    @Override
    public IssuedToken create(String name, TokenStores stores, Set<Scope> scopes) {
        ObjectNode body = json.createObjectNode();
        body.put("name", name);
        stores.asList().forEach(body.putArray("stores")::add);
        scopes.stream().sorted().map(Scope::wireName).forEach(body.putArray("scopes")::add);
        JsonNode created = send(
                api.request(PATH)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                201);
        return new IssuedToken(
                created.path("name").asText(),
                created.path("token").asText(),
                TokenStores.read(texts(created.path("stores"))),
                Scope.parseAll(texts(created.path("scopes"))),
                Instant.parse(created.path("createdAt").asText()));
    }

    @Override
    public List<TokenListing> list() {
        List<TokenListing> listing = new ArrayList<>();
        for (JsonNode token : send(api.request(PATH).GET(), 200).path("tokens")) {
            listing.add(new TokenListing(
                    token.path("name").asText(),
                    String.join(",", texts(token.path("stores"))),
                    String.join(",", texts(token.path("scopes"))),
                    token.path("createdAt").asText(),
                    token.hasNonNull("revokedAt") ? token.get("revokedAt").asText() : null));
        }
        return listing;
    }

    @Override
    public void revoke(String name) {
        // Names are letters, digits, '.', '_' and '-' (checked before): nothing to escape in the path.
        send(api.request(PATH + "/" + name).DELETE(), 204);
    }

    @Override
    public String revocationEffect() {
        return api.server() + " refuses it from now on; other servers on the same database within "
                + ApiTokens.CACHE_FOR.toSeconds() + " s";
    }

    @Override
    public void close() {
        // The HTTP client holds nothing that outlives the process worth closing on Java 17.
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private JsonNode send(HttpRequest.Builder request, int expected) {
        return api.send(request, expected, (status, message) -> switch (status) {
            case 400 -> new TokenRefusedException(TokenRefusedException.Reason.INVALID, message);
            case 404 -> new TokenRefusedException(TokenRefusedException.Reason.UNKNOWN, message);
            case 409 -> new TokenRefusedException(TokenRefusedException.Reason.NAME_TAKEN, message);
            default -> null;
        });
    }
}
