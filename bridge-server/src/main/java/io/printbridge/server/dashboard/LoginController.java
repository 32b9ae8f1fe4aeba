package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.dashboard.users.DashboardUser;
import io.printbridge.server.dashboard.users.DashboardUsers;
import io.printbridge.server.db.AuditLogRepository;
import io.printbridge.server.ids.TimeOrderedIds;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Logging in and out. A login is throttled per user name and per client address before the
 * password is even hashed; a success opens a session whose cookie is HttpOnly, SameSite=Lax
 * (another site's form cannot post with it), limited to {@code /dashboard}, and Secure when the
 * request came over HTTPS (directly or through the reverse proxy's {@code X-Forwarded-Proto}).
 */
@Controller("/dashboard")
final class LoginController {

    private final DashboardUsers users;
    private final DashboardSessions sessions;
    private final LoginThrottle throttle;
    private final DashboardConfig config;
    private final AuditLogRepository audit;
    private final Clock clock;

    LoginController(
            DashboardUsers users,
            DashboardSessions sessions,
            LoginThrottle throttle,
            DashboardConfig config,
            AuditLogRepository audit,
            Clock clock) {
        this.users = requireNonNull(users, "users");
        this.sessions = requireNonNull(sessions, "sessions");
        this.throttle = requireNonNull(throttle, "throttle");
        this.config = requireNonNull(config, "config");
        this.audit = requireNonNull(audit, "audit");
        this.clock = requireNonNull(clock, "clock");
    }

    @Get(uri = "/login", produces = MediaType.TEXT_HTML)
    HttpResponse<String> form(HttpRequest<?> request) {
        return loginPage(request, HttpStatus.OK, null, "");
    }

    @Post(uri = "/login", produces = MediaType.TEXT_HTML)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<String> login(HttpRequest<?> request, @Body Map<String, String> form) {
        String name = bounded(form.get("user"), 64);
        String password = bounded(form.get("password"), 201);
        String address = request.getRemoteAddress().getAddress().getHostAddress();
        Messages t = messages(request);
        Optional<Duration> wait = throttle.refusedFor(name, address);
        if (wait.isPresent()) {
            long minutes = Math.max(1, (wait.get().toSeconds() + 59) / 60);
            return loginPage(request, HttpStatus.TOO_MANY_REQUESTS, t.get("login.throttled", minutes), name);
        }
        Optional<DashboardUser> user = users.authenticate(name, password);
        if (user.isEmpty()) {
            throttle.failed(name, address);
            return loginPage(request, HttpStatus.UNAUTHORIZED, t.get("login.failed"), name);
        }
        throttle.succeeded(name);
        DashboardSession session = sessions.open(user.get());
        audit.record(
                TimeOrderedIds.next(),
                clock.instant(),
                user.get().auditName(),
                "dashboard.login",
                null,
                null,
                "from " + address);
        return HttpResponse.<String>seeOther(URI.create("/dashboard"))
                .cookie(cookie(request, session.id(), config.sessionMaxAge()));
    }

    @Post(uri = "/logout", produces = MediaType.TEXT_PLAIN)
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN})
    HttpResponse<String> logout(HttpRequest<?> request) {
        request.getAttribute(DashboardSession.ATTRIBUTE, DashboardSession.class)
                .ifPresent(session -> sessions.close(session.id()));
        return HttpResponse.<String>seeOther(URI.create(DashboardFilter.LOGIN))
                .cookie(cookie(request, "", Duration.ZERO));
    }

    private MutableHttpResponse<String> loginPage(
            HttpRequest<?> request, HttpStatus status, @Nullable String problem, String name) {
        Messages t = messages(request);
        return HttpResponse.<String>status(status)
                .contentType(Pages.HTML)
                .body(Layout.page(t, t.get("login.title"), null, SimplePages.login(t, problem, name), false));
    }

    /** The login page speaks the browser's language when it is English, French otherwise. */
    private static Messages messages(HttpRequest<?> request) {
        Locale locale =
                request.getLocale().filter(l -> l.getLanguage().equals("en")).orElse(Locale.FRENCH);
        return Messages.of(locale, ZoneId.of(DashboardUsers.DEFAULT_TIME_ZONE));
    }

    private static Cookie cookie(HttpRequest<?> request, String value, Duration maxAge) {
        boolean https = request.isSecure()
                || "https".equalsIgnoreCase(request.getHeaders().get("X-Forwarded-Proto"));
        return Cookie.of(DashboardFilter.COOKIE, value)
                .httpOnly(true)
                .sameSite(SameSite.Lax)
                .secure(https)
                .path("/dashboard")
                .maxAge(maxAge);
    }

    private static String bounded(@Nullable String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() <= max ? value : value.substring(0, max);
    }
}
