package io.printbridge.server.api;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.printbridge.certs.StoreIdentity;
import io.printbridge.server.jobs.IdempotencyConflictException;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.Submission;
import io.micronaut.http.annotation.Header;
import io.printbridge.server.render.InvoiceRenderer;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobService;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobsConfig;
import io.printbridge.server.jobs.UnknownPrinterException;
import io.printbridge.server.jobs.UnknownStoreException;
import io.printbridge.server.jobs.JobPayload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The ERP's job API. {@code ?wait=<seconds>} holds the answer until the job is final or the
 * wait is over, without holding a thread.
 */
@Controller("/api/v1")
final class JobsController {

    /** Longest {@code ?wait=}: below common proxy idle timeouts. */
    static final int MAX_WAIT_SECONDS = 60;

    private final JobService jobs;
    private final JobRequestParser parser;
    private final InvoiceRenderer renderer;

    JobsController(JobService jobs, ObjectMapper json, JobsConfig config, InvoiceRenderer renderer) {
        this.jobs = jobs;
        this.renderer = renderer;
        this.parser = new JobRequestParser(json, config.maxTimeToLive());
    }

    @Post(uri = "/stores/{storeId}/jobs", processes = MediaType.APPLICATION_JSON)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    CompletableFuture<HttpResponse<JobView>> create(@PathVariable String storeId, @Body byte[] body,
            @QueryValue(value = "wait", defaultValue = "") String wait,
            @Header("Idempotency-Key") @Nullable String idempotencyKey,
            @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        if (!StoreIdentity.isValidStoreId(storeId)) {
            throw ApiException.badRequest("storeId: \"" + storeId + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        if (!client.mayUse(storeId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN",
                    "API token \"" + client.name() + "\" may not use store " + storeId);
        }
        Duration waitFor = waitDuration(wait);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw ApiException.badRequest("Idempotency-Key: \"" + idempotencyKey + "\" (expected: 1 to 200 characters)");
        }
        JobRequest request = parser.parse(body);
        Submission submission;
        try {
            submission = jobs.submit(storeId, request, client.name(), idempotencyKey, RequestHash.of(storeId, parser.canonical(body)));
        } catch (UnknownStoreException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_STORE", e.getMessage());
        } catch (UnknownPrinterException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (JobStore.QueueFullException e) {
            throw new QueueFullApiException(e.getMessage() + "; retry later", 5);
        } catch (IdempotencyConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, "IDEMPOTENCY_CONFLICT", e.getMessage());
        }
        Job job = submission.job();
        URI location = URI.create("/api/v1/jobs/" + job.id());
        // 201 for a new job; 200 with the same job for a retry under the same Idempotency-Key.
        return jobs.awaitFinal(job.id(), waitFor).thenApply(done -> submission.created()
                ? HttpResponse.created(view(done), location)
                : HttpResponse.ok(view(done)).header("Location", location.toString()));
    }

    /**
     * {@code GET /api/v1/jobs/{id}/preview}: the PNG of an invoice job, drawn from the same layout
     * as the bytes sent to the printer. Rendering an image takes milliseconds: off the event loop.
     */
    @Get(uri = "/jobs/{id}/preview", produces = "image/png")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<byte[]> preview(@PathVariable String id, @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        Job job = visibleJob(id, client);
        if (!(job.payload() instanceof JobPayload.Print print) || print.source() == null) {
            throw new ApiException(HttpStatus.NOT_FOUND, "NO_PREVIEW", "job " + id + " is a " + job.type().wireName()
                    + " job (expected: an invoice job; only invoices have a preview)");
        }
        return HttpResponse.ok(renderer.previewPng(print.source())).contentType("image/png");
    }

    @Get("/jobs/{id}")
    CompletableFuture<HttpResponse<JobView>> find(@PathVariable String id,
            @QueryValue(value = "wait", defaultValue = "") String wait,
            @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        Duration waitFor = waitDuration(wait);
        Job job = visibleJob(id, client);
        return jobs.awaitFinal(job.id(), waitFor).thenApply(done -> HttpResponse.ok(view(done)));
    }

    private JobView view(Job job) {
        return JobView.of(job, jobs.history(job.id()));
    }

    /** The job, if this client may see it; 404 otherwise (a job of another store is not revealed). */
    private Job visibleJob(String id, ApiClient client) {
        return jobs.find(id)
                .filter(j -> client.mayUse(j.storeId()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_JOB", "no job with id \"" + id + "\""));
    }

    private static Duration waitDuration(@Nullable String wait) {
        if (wait == null || wait.isEmpty()) {
            return Duration.ZERO;
        }
        try {
            int seconds = Integer.parseInt(wait);
            if (seconds >= 0 && seconds <= MAX_WAIT_SECONDS) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw ApiException.badRequest("wait: \"" + wait + "\" (expected: a whole number of seconds from 0 to " + MAX_WAIT_SECONDS + ")");
    }
}
