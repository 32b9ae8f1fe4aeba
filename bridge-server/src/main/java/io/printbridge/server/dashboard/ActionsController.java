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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.dashboard.users.Role;
import io.printbridge.server.identity.NewEnrolmentCode;
import io.printbridge.server.jobs.Job;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What users do: an operator prints a test page, opens a drawer (after a confirmation page that
 * names the store and printer), retries a failed job, makes an enrolment code and revokes a store;
 * an admin creates users. The role is
 * checked on the server for each ({@link DashboardActions}); the CSRF token by the filter. An
 * action answers 303 to the page that shows its result, or a plain-text refusal.
 */
@Controller("/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
final class ActionsController {

    private final DashboardActions actions;
    private final DashboardUsers users;
    private final DashboardSessions sessions;

    ActionsController(DashboardActions actions, DashboardUsers users, DashboardSessions sessions) {
        this.actions = requireNonNull(actions, "actions");
        this.users = requireNonNull(users, "users");
        this.sessions = requireNonNull(sessions, "sessions");
    }

    @Post(uri = "/stores/{storeId}/test-print", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> testPrint(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String storeId,
            @Body Map<String, String> form) {
        return toJob(() -> actions.testPrint(session.user(), storeId, printer(form)));
    }

    @Get(uri = "/stores/{storeId}/drawer", produces = MediaType.TEXT_HTML)
    HttpResponse<String> confirmDrawer(
            HttpRequest<?> request,
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String storeId,
            @QueryValue(value = "printer", defaultValue = "") String printer) {
        Messages t = Pages.messages(session);
        if (!session.user().role().allows(Role.OPERATOR)) {
            return Pages.forbidden(request, session, Role.OPERATOR);
        }
        String name = printer.length() <= 64 ? printer : printer.substring(0, 64);
        return Pages.page(
                request,
                HttpStatus.OK,
                t,
                t.get("action.openDrawer"),
                session,
                SimplePages.confirmDrawer(t, storeId, name),
                false);
    }

    @Post(uri = "/stores/{storeId}/drawer", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> openDrawer(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String storeId,
            @Body Map<String, String> form) {
        return toJob(() -> actions.openDrawer(session.user(), storeId, printer(form)));
    }

    @Post(uri = "/stores/{storeId}/revoke", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> revoke(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String storeId,
            @Body Map<String, String> form) {
        try {
            actions.revoke(session.user(), storeId, form.getOrDefault("reason", ""));
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (ActionRefusedException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, e.reason());
        }
        return HttpResponse.seeOther(URI.create("/dashboard/stores/" + Html.url(storeId)));
    }

    @Get(uri = "/enrol", produces = MediaType.TEXT_HTML)
    HttpResponse<String> enrolForm(
            HttpRequest<?> request, @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session) {
        Messages t = Pages.messages(session);
        if (!session.user().role().allows(Role.OPERATOR)) {
            return Pages.forbidden(request, session, Role.OPERATOR);
        }
        return Pages.page(request, HttpStatus.OK, t, t.get("enrol.title"), session, SimplePages.enrolForm(t), false);
    }

    /**
     * A new enrolment code, answered as the page that shows it (the secret is shown this once and
     * never kept, so there is no page to send the browser to): the script puts it in place of the
     * current page when it sees {@code X-Dashboard-Result: page}.
     */
    @Post(uri = "/enrolment-codes", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> enrolmentCode(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session, @Body Map<String, String> form) {
        try {
            NewEnrolmentCode code = actions.enrolmentCode(session.user(), form.getOrDefault("storeId", ""));
            return HttpResponse.ok(SimplePages.enrolmentCode(Pages.messages(session), code))
                    .contentType(MediaType.TEXT_HTML_TYPE)
                    .header("X-Dashboard-Result", "page")
                    .header("Cache-Control", "no-store");
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (ActionRefusedException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, e.reason());
        }
    }

    @Post(uri = "/jobs/{id}/retry", produces = MediaType.TEXT_PLAIN)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    HttpResponse<String> retry(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session, @PathVariable String id) {
        return toJob(() -> actions.retry(session.user(), id));
    }

    @Get(uri = "/users", produces = MediaType.TEXT_HTML)
    HttpResponse<String> users(
            HttpRequest<?> request, @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session) {
        Messages t = Pages.messages(session);
        if (!session.user().role().allows(Role.ADMIN)) {
            return Pages.forbidden(request, session, Role.ADMIN);
        }
        return Pages.page(
                request, HttpStatus.OK, t, t.get("users.title"), session, SimplePages.users(t, users.all()), false);
    }

    @Post(uri = "/users", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> createUser(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session, @Body Map<String, String> form) {
        DashboardUser admin = session.user();
        try {
            DashboardActions.require(admin, Role.ADMIN);
            users.create(
                    admin.auditName(),
                    form.getOrDefault("name", ""),
                    form.getOrDefault("password", ""),
                    Role.parse(form.getOrDefault("role", "viewer")),
                    form.getOrDefault("locale", "fr"),
                    form.getOrDefault("zone", DashboardUsers.DEFAULT_TIME_ZONE));
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (IllegalArgumentException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        }
        return HttpResponse.seeOther(URI.create("/dashboard/users"));
    }

    /**
     * Changes another user's role; their sessions end, so the new role holds from their next
     * request (a demoted operator cannot finish what a page still offers). An admin cannot change
     * their own role: the last admin would lock everyone out.
     */
    @Post(uri = "/users/{name}/role", produces = MediaType.TEXT_PLAIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<String> changeRole(
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String name,
            @Body Map<String, String> form) {
        DashboardUser admin = session.user();
        try {
            DashboardActions.require(admin, Role.ADMIN);
            if (admin.name().equals(name)) {
                throw new IllegalArgumentException(
                        "user " + name + ": an admin cannot change their own role (expected: another admin does it)");
            }
            if (!users.changeRole(admin.auditName(), name, Role.parse(form.getOrDefault("role", "")))) {
                throw new IllegalArgumentException("user \"" + name + "\" (expected: an existing user)");
            }
            sessions.closeAllOf(name);
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (IllegalArgumentException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, String.valueOf(e.getMessage()));
        }
        return HttpResponse.seeOther(URI.create("/dashboard/users"));
    }

    private static String printer(Map<String, String> form) {
        String printer = form.getOrDefault("printer", "");
        return printer.length() <= 64 ? printer : printer.substring(0, 64);
    }

    private static HttpResponse<String> toJob(Supplier<Job> action) {
        try {
            Job job = action.get();
            return HttpResponse.seeOther(URI.create("/dashboard/jobs/" + job.id()));
        } catch (ActionForbiddenException e) {
            return Pages.text(HttpStatus.FORBIDDEN, e.reason());
        } catch (ActionRefusedException e) {
            return Pages.text(HttpStatus.BAD_REQUEST, e.reason());
        }
    }
}
