package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.admin.IssuedToken;
import io.printbridge.server.admin.TokenAdministration;
import io.printbridge.server.admin.TokenRefusedException;
import io.printbridge.server.api.Scope;
import io.printbridge.server.api.TokenStores;
import io.printbridge.server.dashboard.users.Role;
import java.net.URI;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The ERP's API tokens from the dashboard, for admins only: the same administration as
 * {@code /api/v1/admin/tokens} and {@code bridge-server tokens}, audited under the user's name. A
 * new token is shown once, in place of the page ({@code X-Dashboard-Result: page}).
 */
@Controller("/dashboard/tokens")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TokensController {

    private final TokenAdministration tokens;

    TokensController(TokenAdministration tokens) {
        this.tokens = requireNonNull(tokens, "tokens");
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> list(
            HttpRequest<?> request, @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session) {
        Messages t = Pages.messages(session);
        if (!session.user().role().allows(Role.ADMIN)) {
            return Pages.forbidden(request, session, Role.ADMIN);
        }
        return Pages.page(
                request,
                HttpStatus.OK,
                t,
                t.get("tokens.title"),
                session,
                TokensPage.main(t, tokens.list(session.user().auditName())),
                false);
    }

    @Post(produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> create(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session, @Body Map<String, String> form) {
        try {
            DashboardActions.require(session.user(), Role.ADMIN);
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (Scope scope : Scope.values()) {
                if (form.containsKey("scope-" + scope.wireName())) {
                    scopes.add(scope);
                }
            }
            String stores = form.getOrDefault("stores", "").strip();
            TokenStores reach =
                    scopes.contains(Scope.PRINT) ? TokenStores.requireForNewToken("stores", stores) : TokenStores.NONE;
            IssuedToken issued = tokens.create(
                    session.user().auditName(), form.getOrDefault("name", "").strip(), reach, scopes);
            return HttpResponse.ok(TokensPage.issued(Pages.messages(session), issued))
                    .contentType(MediaType.TEXT_HTML_TYPE)
                    .header("X-Dashboard-Result", "page")
                    .header("Cache-Control", "no-store");
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (TokenRefusedException | IllegalArgumentException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        }
    }

    @Post(uri = "/{name}/revoke", produces = MediaType.TEXT_PLAIN)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    HttpResponse<String> revoke(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session, @PathVariable String name) {
        try {
            DashboardActions.require(session.user(), Role.ADMIN);
            tokens.revoke(session.user().auditName(), name);
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (TokenRefusedException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        }
        return HttpResponse.seeOther(URI.create("/dashboard/tokens"));
    }
}
