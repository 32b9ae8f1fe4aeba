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
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobService;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobsConfig;
import io.printbridge.server.jobs.UnknownStoreException;
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

    JobsController(JobService jobs, ObjectMapper json, JobsConfig config) {
        this.jobs = jobs;
        this.parser = new JobRequestParser(json, config.maxTimeToLive());
    }

    @Post(uri = "/stores/{storeId}/jobs", processes = MediaType.APPLICATION_JSON)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    CompletableFuture<HttpResponse<JobView>> create(@PathVariable String storeId, @Body byte[] body,
            @QueryValue(value = "wait", defaultValue = "") String wait,
            @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        if (!StoreIdentity.isValidStoreId(storeId)) {
            throw ApiException.badRequest("storeId: \"" + storeId + "\" (expected: 1-63 lowercase letters, digits or inner hyphens)");
        }
        if (!client.mayUse(storeId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "FORBIDDEN",
                    "API token \"" + client.name() + "\" may not use store " + storeId);
        }
        Duration waitFor = waitDuration(wait);
        JobRequest request = parser.parse(body);
        Job job;
        try {
            job = jobs.submit(storeId, request, client.name());
        } catch (UnknownStoreException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_STORE", e.getMessage());
        } catch (JobStore.QueueFullException e) {
            throw new QueueFullApiException(e.getMessage() + "; retry later", 5);
        }
        URI location = URI.create("/api/v1/jobs/" + job.id());
        return jobs.awaitFinal(job.id(), waitFor)
                .thenApply(done -> HttpResponse.created(JobView.of(done), location));
    }

    @Get("/jobs/{id}")
    CompletableFuture<HttpResponse<JobView>> find(@PathVariable String id,
            @QueryValue(value = "wait", defaultValue = "") String wait,
            @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        Duration waitFor = waitDuration(wait);
        Job job = jobs.find(id)
                .filter(j -> client.mayUse(j.storeId()))
                .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_JOB", "no job with id \"" + id + "\""));
        return jobs.awaitFinal(job.id(), waitFor).thenApply(done -> HttpResponse.ok(JobView.of(done)));
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
