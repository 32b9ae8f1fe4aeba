package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.attendance.ClockRegistry;
import io.printbridge.server.attendance.PunchStore;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.render.InvoiceRenderer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The pages every signed-in user may see: the fleet, a store, a job and its preview. */
@Controller("/dashboard")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PagesController {

    static final int RECENT_JOBS = 30;
    static final int RECENT_PUNCHES = 10;

    private final Fleet fleet;
    private final DashboardJobRepository jobLines;
    private final JobStore jobs;
    private final StoreTimeline timeline;
    private final InvoiceRenderer renderer;
    private final ClockRegistry clocks;
    private final PunchStore punches;

    PagesController(
            Fleet fleet,
            DashboardJobRepository jobLines,
            JobStore jobs,
            StoreTimeline timeline,
            InvoiceRenderer renderer,
            ClockRegistry clocks,
            PunchStore punches) {
        this.clocks = requireNonNull(clocks, "clocks");
        this.punches = requireNonNull(punches, "punches");
        this.fleet = requireNonNull(fleet, "fleet");
        this.jobLines = requireNonNull(jobLines, "jobLines");
        this.jobs = requireNonNull(jobs, "jobs");
        this.timeline = requireNonNull(timeline, "timeline");
        this.renderer = requireNonNull(renderer, "renderer");
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<String> fleet(
            HttpRequest<?> request,
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @QueryValue("q") @Nullable String q,
            @QueryValue("offline") @Nullable String offline,
            @QueryValue("problems") @Nullable String problems,
            @QueryValue("expiring") @Nullable String expiring,
            @QueryValue("version") @Nullable String version,
            @QueryValue("after") @Nullable String after) {
        Messages t = Pages.messages(session);
        FleetQuery query = FleetQuery.of(q, offline, problems, expiring, version, after);
        FleetView view = fleet.view(query);
        return Pages.page(
                request,
                HttpStatus.OK,
                t,
                FleetPage.title(t, view.alerts().size()),
                session,
                FleetPage.main(t, query, view),
                true);
    }

    @Get(uri = "/stores/{storeId}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> store(
            HttpRequest<?> request,
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String storeId) {
        Messages t = Pages.messages(session);
        Optional<FleetRow> row = fleet.row(storeId);
        if (row.isEmpty()) {
            return notFound(request, t, session, "store " + storeId);
        }
        return Pages.page(
                request,
                HttpStatus.OK,
                t,
                t.get("store.title", storeId),
                session,
                StorePage.main(t, session, row.get(), jobLines.recent(storeId, RECENT_JOBS), timeline.of(storeId))
                        + StoreClocksSection.html(t, clocks.views(storeId), punches.latest(storeId, RECENT_PUNCHES)),
                true,
                storeId);
    }

    @Get(uri = "/jobs/{id}", produces = MediaType.TEXT_HTML)
    HttpResponse<String> job(
            HttpRequest<?> request,
            @RequestAttribute(DashboardSession.ATTRIBUTE) DashboardSession session,
            @PathVariable String id) {
        Messages t = Pages.messages(session);
        Optional<Job> job = jobs.find(id);
        if (job.isEmpty()) {
            return notFound(request, t, session, "job " + id);
        }
        return Pages.page(
                request,
                HttpStatus.OK,
                t,
                t.get("job.title", id),
                session,
                JobPage.main(t, session, job.get(), jobs.history(id)),
                true);
    }

    @Get(uri = "/jobs/{id}/preview.png", produces = "image/png")
    HttpResponse<byte[]> preview(@PathVariable String id) {
        Optional<Job> job = jobs.find(id);
        if (job.isPresent() && job.get().payload() instanceof JobPayload.Print print && print.source() != null) {
            return HttpResponse.ok(renderer.previewPng(print.source())).contentType("image/png");
        }
        return HttpResponse.notFound();
    }

    private static HttpResponse<String> notFound(
            HttpRequest<?> request, Messages t, DashboardSession session, String what) {
        return Pages.page(
                request,
                HttpStatus.NOT_FOUND,
                t,
                t.get("error.title"),
                session,
                SimplePages.refusal(t, t.get("error.notFound", what)),
                false);
    }
}
