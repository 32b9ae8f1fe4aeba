package io.printbridge.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.printbridge.server.api.request.JobBatchBody;
import io.printbridge.server.api.request.JobBody;
import io.printbridge.server.http.RequestLoopLag;
import io.printbridge.server.jobs.IdempotencyConflictException;
import io.printbridge.server.jobs.Job;
import io.printbridge.server.jobs.JobIntake;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.jobs.JobStore;
import io.printbridge.server.jobs.JobType;
import io.printbridge.server.jobs.JobWaiters;
import io.printbridge.server.jobs.JobsConfig;
import io.printbridge.server.jobs.RefusalShare;
import io.printbridge.server.jobs.Submission;
import io.printbridge.server.render.InvoiceRenderer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The ERP's job API. {@code ?wait=<seconds>} holds the answer until the job is final or the
 * wait is over, without holding a thread.
 *
 * <p>Creating jobs runs on the event loop from the body to the job writer's queue, every kind
 * alike (parsed, rendered for the printer, made, registered with its waiter, queued for the group
 * commit); nothing there blocks. The answer is built on the blocking executor: a retry or a wait
 * that runs out reads the database, and the job writer's thread, which completes the store, must
 * go back to the next group commit. Reads of jobs run on the blocking executor.
 */
@Controller("/api/v1")
@Tag(name = "jobs", description = "Print, invoice, cash-drawer and status jobs for a store's printers.")
@ApiResponse(
        responseCode = "401",
        description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
final class JobsController {

    /** Longest {@code ?wait=}: below common proxy idle timeouts. */
    static final int MAX_WAIT_SECONDS = 60;

    // Parameter descriptions for the OpenAPI document, shared by the operations.
    private static final String STORE_ID =
            "The store's id, as in its agent's certificate: 1-63 lowercase letters, digits or inner hyphens.";
    private static final String JOB_ID = "The job's id, from its creation's answer or `Location`.";
    private static final String JSON_UTF8 = "application/json;charset=UTF-8";
    private static final String WAIT =
            "Seconds (0 to 60) to hold the answer until the job is final; 0 or absent answers at once.";
    private static final String WAIT_BATCH =
            "Seconds (0 to 60) to hold the answer until every job of the batch is final; "
                    + "0 or absent answers at once. When the wait is over the jobs are answered as they are.";

    private final JobIntake intake;
    private final JobWaiters waiters;
    private final JobStore jobs;
    private final JobRequestParser parser;
    private final JobRenderer printable;
    private final InvoiceRenderer renderer;
    /** Where answers are built once a job is stored: not on the job writer's thread. */
    private final ExecutorService blocking;

    private final JobRefusals refusals;
    /** {@code bridge.jobs.max-request-lag}, for a refusal's message. */
    private final long maxRequestLagMillis;
    /** Which requests read after a wait to refuse: a share growing with the wait. */
    private final RefusalShare readWaitRefusals;

    JobsController(
            JobIntake intake,
            JobWaiters waiters,
            JobStore jobs,
            ObjectMapper json,
            JobsConfig config,
            JobRenderer printable,
            InvoiceRenderer renderer,
            JobRefusals refusals,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.intake = intake;
        this.refusals = refusals;
        this.maxRequestLagMillis = config.maxRequestLag().toMillis();
        this.readWaitRefusals = new RefusalShare(
                config.maxRequestLag().toNanos(), config.requestLagRefusingAll().toNanos());
        this.waiters = waiters;
        this.jobs = jobs;
        this.printable = printable;
        this.blocking = blocking;
        this.renderer = renderer;
        this.parser = new JobRequestParser(json, config.maxTimeToLive());
    }

    @Operation(
            summary = "Queue a job for a store",
            description =
                    "The job is stored, then sent to the store's agent when it is connected (at once if it is). "
                            + "Without `?wait=` the answer is the job as QUEUED or SENT; with it, the job once final or when the wait is over.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = JobBody.class)))
    @ApiResponse(
            responseCode = "201",
            description = "A new job; `Location` is its URL.",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            name = "Location",
                            description = "/api/v1/jobs/{id}",
                            schema = @Schema(type = "string")),
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The job created earlier with the same `Idempotency-Key` and the same body.",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            name = "Location",
                            description = "/api/v1/jobs/{id}",
                            schema = @Schema(type = "string")),
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(
            responseCode = "400",
            description =
                    "INVALID_REQUEST, MALFORMED_JSON, or INVALID_INVOICE with one `details` entry per wrong field.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: this token may not use the store.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "UNKNOWN_STORE: no agent of this store ever connected.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "IDEMPOTENCY_CONFLICT: the `Idempotency-Key` was used with another body.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "413",
            description = "BODY_TOO_LARGE: more than 1 MiB of raw data, or a body over 2 MB.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "429",
            description = "QUEUE_FULL: the store has as many jobs waiting as it may; retry after `Retry-After`.",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            name = "Retry-After",
                            description = "Seconds to wait before retrying.",
                            schema = @Schema(type = "integer")),
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "503",
            description = "STORAGE_UNAVAILABLE: the database refused the write; SERVER_STOPPING: the server is stopping"
                    + " (Retry-After: its replacement takes the retry); SERVER_BUSY: the server is past the load it"
                    + " serves in time (Retry-After: 1). Nothing was queued.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(uri = "/stores/{storeId}/jobs", processes = MediaType.APPLICATION_JSON)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    CompletableFuture<HttpResponse<JobView>> create(
            @Parameter(description = STORE_ID, example = "alger-01") @PathVariable String storeId,
            @Body byte[] body,
            @Parameter(
                            description = WAIT,
                            required = false,
                            schema = @Schema(type = "integer", minimum = "0", maximum = "60"))
                    @QueryValue(value = "wait", defaultValue = "")
                    String wait,
            @Parameter(
                            description =
                                    "Makes a retry safe: the same key with the same body answers the first job (200) "
                                            + "instead of printing again; with another body, 409. Scoped to the API token.",
                            schema = @Schema(type = "string", minLength = 1, maxLength = 200))
                    @Header("Idempotency-Key")
                    @Nullable
                    String idempotencyKey,
            @Parameter(hidden = true) @Header(RequestLoopLag.BACKLOG_HEADER) @Nullable String readBacklog,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        client.requireStore("storeId", storeId);
        admit(readBacklog);
        Duration waitFor = waitDuration(wait);
        checkIdempotencyKey(idempotencyKey, 200, "");
        JsonNode json = parser.read(body);
        JobRequest parsed = parser.parse(json);
        checkScope(client, parsed.type(), "");
        JobRequest request = printable.render(storeId, parsed);
        // Only a retry under the same key needs to be told from a different request.
        String requestHash = idempotencyKey == null ? null : RequestHash.of(storeId, json);
        Job job = intake.newJob(storeId, request, client.name(), idempotencyKey, requestHash);
        // Registered before the job is stored, hence before it can reach the agent and end.
        CompletableFuture<Optional<Job>> ended = waitFor.isZero() ? null : waiters.awaitNew(job.id(), waitFor);
        URI location = URI.create("/api/v1/jobs/" + job.id());
        return intake.store(List.of(job))
                .whenComplete((stored, failure) -> {
                    if (failure != null) {
                        cancel(ended); // nothing was created
                    }
                })
                .exceptionally(this::refusal)
                .thenComposeAsync(
                        stored -> {
                            Submission submission = stored.get(0);
                            if (!submission.created()) {
                                // A retry under the same Idempotency-Key: 200 with the job the first request created.
                                cancel(ended);
                                return awaitStored(submission.job(), waitFor)
                                        .thenApply(done ->
                                                HttpResponse.ok(view(done)).header("Location", location.toString()));
                            }
                            if (ended == null) {
                                // The common case: answered as soon as the job is stored, with nothing to read.
                                return CompletableFuture.completedFuture(
                                        HttpResponse.created(view(submission.job()), location));
                            }
                            return ended.thenApplyAsync(
                                    done -> HttpResponse.created(view(done.orElseGet(() -> reread(job))), location),
                                    blocking);
                        },
                        blocking);
    }

    /** The job as stored now, for a wait that ran out (or a job that is not final yet). */
    private Job reread(Job job) {
        return jobs.find(job.id()).orElse(job);
    }

    /** A job already stored (a retry's, or one read by id), once final or as it is when {@code wait} is over. */
    private CompletableFuture<Job> awaitStored(Job job, Duration wait) {
        return waiters.awaitStored(job, wait).thenApplyAsync(done -> done.orElseGet(() -> reread(job)), blocking);
    }

    private void cancel(@Nullable CompletableFuture<Optional<Job>> waiter) {
        if (waiter != null) {
            waiters.cancel(waiter);
        }
    }

    @Operation(
            summary = "Queue several jobs for a store at once",
            description =
                    "All the jobs are validated first and stored in one transaction, all or none (a bad element or a full "
                            + "queue refuses the whole batch, naming the element: `jobs[3].data`), then sent to the store's agent in order. "
                            + "With `Idempotency-Key`, a retry with the same body answers the same jobs (200); with another body, 409. "
                            + "With `?wait=`, the answer comes once every job is final or when the wait is over.")
    @RequestBody(required = true, content = @Content(schema = @Schema(implementation = JobBatchBody.class)))
    @ApiResponse(
            responseCode = "201",
            description = "The new jobs, in the order they were given.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobBatchView.class)))
    @ApiResponse(
            responseCode = "200",
            description = "The jobs created earlier with the same `Idempotency-Key` and the same body.",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = JobBatchView.class)))
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST (a bad element, naming it, or a bad `wait`), MALFORMED_JSON, "
                    + "or INVALID_INVOICE, naming the element.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "403",
            description = "FORBIDDEN: this token may not use the store.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "UNKNOWN_STORE: no agent of this store ever connected.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "409",
            description = "IDEMPOTENCY_CONFLICT: the `Idempotency-Key` was used with another body.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "413",
            description = "BODY_TOO_LARGE: more than 1 MiB of raw data in a job, or a body over 2 MB.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "429",
            description = "QUEUE_FULL: the store's queue cannot take all the jobs; none was stored.",
            headers =
                    @io.swagger.v3.oas.annotations.headers.Header(
                            name = "Retry-After",
                            description = "Seconds to wait before retrying.",
                            schema = @Schema(type = "integer")),
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "503",
            description = "STORAGE_UNAVAILABLE: the database refused the write; SERVER_STOPPING: the server is stopping"
                    + " (Retry-After: its replacement takes the retry); SERVER_BUSY: the server is past the load it"
                    + " serves in time (Retry-After: 1). Nothing was queued.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Post(uri = "/stores/{storeId}/jobs/batch", processes = MediaType.APPLICATION_JSON)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    CompletableFuture<HttpResponse<JobBatchView>> createBatch(
            @Parameter(description = STORE_ID, example = "alger-01") @PathVariable String storeId,
            @Body byte[] body,
            @Parameter(
                            description =
                                    "Makes a retry safe: the same key with the same body answers the first jobs (200) "
                                            + "instead of printing again; with another body, 409. Scoped to the API token.",
                            schema = @Schema(type = "string", minLength = 1, maxLength = 190))
                    @Header("Idempotency-Key")
                    @Nullable
                    String idempotencyKey,
            @Parameter(
                            description = WAIT_BATCH,
                            required = false,
                            schema = @Schema(type = "integer", minimum = "0", maximum = "60"))
                    @QueryValue(value = "wait", defaultValue = "")
                    String wait,
            @Parameter(hidden = true) @Header(RequestLoopLag.BACKLOG_HEADER) @Nullable String readBacklog,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        client.requireStore("storeId", storeId);
        admit(readBacklog);
        Duration waitFor = waitDuration(wait);
        // Job i of the batch is kept under "<key>#<i>": the key leaves room for the suffix.
        checkIdempotencyKey(idempotencyKey, 190, " for a batch");
        JsonNode json = parser.read(body);
        List<JobRequest> parsed = parser.parseBatch(json);
        for (int i = 0; i < parsed.size(); i++) {
            checkScope(client, parsed.get(i).type(), "jobs[" + i + "].");
        }
        List<JobRequest> requests = printable.renderAll(storeId, parsed);
        String requestHash = idempotencyKey == null ? null : RequestHash.of(storeId, json);
        List<Job> batch = intake.newJobs(storeId, requests, client.name(), idempotencyKey, requestHash);
        List<CompletableFuture<Optional<Job>>> ended = waitFor.isZero()
                ? List.of()
                : batch.stream().map(job -> waiters.awaitNew(job.id(), waitFor)).toList();
        // Built on the blocking executor: a retry reads the earlier jobs' histories, and the job
        // writer's thread, which completes the future, must go back to the next group commit.
        return intake.store(batch)
                .whenComplete((stored, failure) -> {
                    if (failure != null) {
                        ended.forEach(waiters::cancel); // nothing was created
                    }
                })
                .exceptionally(this::refusal)
                .thenComposeAsync(
                        submissions -> {
                            boolean created = submissions.stream().allMatch(Submission::created);
                            CompletableFuture<List<Job>> done;
                            if (!created) {
                                ended.forEach(waiters::cancel);
                                done = allFinal(submissions.stream()
                                        .map(s -> awaitStored(s.job(), waitFor))
                                        .toList());
                            } else if (ended.isEmpty()) {
                                done = CompletableFuture.completedFuture(submissions.stream()
                                        .map(Submission::job)
                                        .toList());
                            } else {
                                done = allFinal(ended.stream()
                                                .map(e -> e.thenApplyAsync(job -> job.orElse(null), blocking))
                                                .toList())
                                        .thenApply(jobs -> rereadUnfinished(jobs, batch));
                            }
                            return done.thenApplyAsync(
                                    jobs -> {
                                        JobBatchView view = new JobBatchView(
                                                jobs.stream().map(this::view).toList());
                                        return created
                                                ? HttpResponse.status(HttpStatus.CREATED)
                                                        .body(view)
                                                : HttpResponse.ok(view);
                                    },
                                    blocking);
                        },
                        blocking);
    }

    /** The batch's jobs, each final or, where its wait ran out (null), as stored now. */
    private List<Job> rereadUnfinished(List<@Nullable Job> ended, List<Job> batch) {
        List<Job> jobs = new java.util.ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Job job = ended.get(i);
            jobs.add(job != null ? job : reread(batch.get(i)));
        }
        return jobs;
    }

    /**
     * All of {@code each}, in order. Every job of a batch is awaited for the same wait, all from
     * now, so the answer never takes longer than one wait, however many jobs the batch has.
     */
    private static <T> CompletableFuture<List<T>> allFinal(List<CompletableFuture<T>> each) {
        return CompletableFuture.allOf(each.toArray(CompletableFuture<?>[]::new))
                .thenApply(all -> each.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Refuses a request for new jobs before anything is spent on it (its body parsed, an invoice
     * rendered) when the server would refuse it anyway or answer it late: stopping, its job writes
     * behind, or, for a share growing with the wait, its requests waiting to be read when this one
     * was read ({@code readBacklog}, in milliseconds, set by the server itself: {@link
     * RequestLoopLag#BACKLOG_HEADER}). A refusal then costs a fraction of a job, which is what lets
     * an overloaded server catch up instead of spending itself on what it refuses.
     */
    private void admit(@Nullable String readBacklog) {
        RuntimeException refused = intake.refusalNow();
        if (refused != null) {
            refusal(refused);
        }
        if (readBacklog == null) {
            return;
        }
        long waitMillis = parseMillis(readBacklog);
        long waitNanos = TimeUnit.MILLISECONDS.toNanos(waitMillis);
        if (readWaitRefusals.refuse(waitNanos)) {
            refusals.count(JobRefusals.Reason.READ_BACKLOG);
            long percent = Math.round(100 * readWaitRefusals.shareAt(waitNanos));
            throw busy("the server is busy: its requests wait " + waitMillis + " ms to be read (it allows "
                    + maxRequestLagMillis + " ms), and it refuses " + percent + " % of new jobs while they do");
        }
    }

    /**
     * The stamp's milliseconds, or 0 if it is not a number. The server stamps every request it reads
     * and removes a client's header of that name, so a value that is not a number is not its own
     * (a pipeline without the stamp, an HTTP/2 connection were the port ever to speak it, would let
     * a client's header through): taken as no wait rather than failing the request.
     */
    private static long parseMillis(String stamp) {
        try {
            return Math.max(0, Long.parseLong(stamp));
        } catch (NumberFormatException notTheServers) {
            return 0;
        }
    }

    private static RetryLaterApiException busy(String why) {
        return new RetryLaterApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "SERVER_BUSY",
                why + ", past the load it serves in time; nothing was queued, retry in a second",
                1);
    }

    /** The API's answer to jobs the store refused to take: always throws, typed to fit {@code exceptionally}. */
    private <T> T refusal(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ApiException refused) {
            throw refused; // refused before anything was stored (an unknown store or printer)
        }
        if (cause instanceof JobStore.QueueFullException e) {
            refusals.count(JobRefusals.Reason.QUEUE_FULL);
            throw RetryLaterApiException.queueFull(
                    Objects.requireNonNullElse(e.getMessage(), "the store's queue is full") + "; retry later", 5);
        }
        if (cause instanceof JobIntake.BusyException busy) {
            refusals.count(JobRefusals.Reason.WRITE_LAG);
            throw busy(Objects.requireNonNullElse(busy.getMessage(), "the server is busy"));
        }
        if (cause instanceof JobIntake.StoppingException) {
            refusals.count(JobRefusals.Reason.STOPPING);
            throw new RetryLaterApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "SERVER_STOPPING",
                    "the server is stopping and takes no new job; nothing was queued, retry in a few seconds",
                    5);
        }
        if (cause instanceof IdempotencyConflictException e) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "IDEMPOTENCY_CONFLICT",
                    Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
        throw new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "STORAGE_UNAVAILABLE",
                "the job could not be stored (" + cause.getMessage() + "); nothing was queued, retry later");
    }

    /**
     * {@code GET /api/v1/jobs/{id}/preview}: the PNG of an invoice job, drawn from the same layout
     * as the bytes sent to the printer. Rendering an image takes milliseconds: off the event loop.
     */
    @Operation(
            summary = "The PNG preview of an invoice job",
            description =
                    "Drawn from the same layout as the bytes sent to the printer, for the printer the job was rendered for.")
    @ApiResponse(
            responseCode = "200",
            description = "The invoice as it prints, as a PNG image.",
            content = @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")))
    // Errors here are JSON too. micronaut-openapi reads a plain "application/json" response as
    // "what the method produces" (image/png), so these name the charset to stay JSON in the document.
    @ApiResponse(
            responseCode = "401",
            description = "UNAUTHENTICATED: no `Authorization: Bearer`, or an unknown token.",
            content = @Content(mediaType = JSON_UTF8, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "UNKNOWN_JOB, or NO_PREVIEW for a job that is not an invoice.",
            content = @Content(mediaType = JSON_UTF8, schema = @Schema(implementation = ApiError.class)))
    @Get(uri = "/jobs/{id}/preview", produces = "image/png")
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<byte[]> preview(
            @Parameter(description = JOB_ID) @PathVariable String id,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        Job job = visibleJob(id, client);
        if (!(job.payload() instanceof JobPayload.Print print) || print.source() == null) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "NO_PREVIEW",
                    "job " + id + " is a " + job.type().wireName()
                            + " job (expected: an invoice job; only invoices have a preview)");
        }
        return HttpResponse.ok(renderer.previewPng(print.source())).contentType("image/png");
    }

    @Operation(summary = "A job, with its state history")
    @ApiResponse(
            responseCode = "200",
            description = "The job (with `?wait=`, once final or when the wait is over).",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = JobView.class)))
    @ApiResponse(
            responseCode = "400",
            description = "INVALID_REQUEST: a bad `wait`.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(
            responseCode = "404",
            description = "UNKNOWN_JOB: no such job, or one of a store this token may not use.",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ApiError.class)))
    @Get("/jobs/{id}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    CompletableFuture<HttpResponse<JobView>> find(
            @Parameter(description = JOB_ID) @PathVariable String id,
            @Parameter(
                            description = WAIT,
                            required = false,
                            schema = @Schema(type = "integer", minimum = "0", maximum = "60"))
                    @QueryValue(value = "wait", defaultValue = "")
                    String wait,
            @Parameter(hidden = true) @RequestAttribute(ApiClient.ATTRIBUTE) ApiClient client) {
        Duration waitFor = waitDuration(wait);
        Job job = visibleJob(id, client);
        return awaitStored(job, waitFor).thenApply(done -> HttpResponse.ok(view(done)));
    }

    private JobView view(Job job) {
        // A job that went through this server's memory from its creation carries its whole history.
        return JobView.of(job, job.knowsWholeHistory() ? job.steps() : jobs.history(job.id()));
    }

    /**
     * A clock's job needs the attendance scope, every other job the print scope: a token that
     * prints cannot reach the time clock unless granted.
     */
    static void checkScope(ApiClient client, JobType type, String path) {
        Scope needed = neededScope(type);
        if (!client.has(needed)) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "FORBIDDEN",
                    path + "type: \"" + type.wireName() + "\": API token \"" + client.name() + "\" may not create it"
                            + " (expected: a token with the " + needed.wireName() + " scope)");
        }
    }

    private static Scope neededScope(JobType type) {
        return type.forClock() ? Scope.ATTENDANCE : Scope.PRINT;
    }

    /** The job, if this client may see it; 404 otherwise (a job of another store is not revealed). */
    private Job visibleJob(String id, ApiClient client) {
        return jobs.find(id)
                .filter(j -> client.mayUse(j.storeId()) && client.has(neededScope(j.type())))
                .orElseThrow(
                        () -> new ApiException(HttpStatus.NOT_FOUND, "UNKNOWN_JOB", "no job with id \"" + id + "\""));
    }

    private static void checkIdempotencyKey(@Nullable String key, int maxLength, String forWhat) {
        if (key != null && (key.isBlank() || key.length() > maxLength)) {
            throw ApiException.badRequest(
                    "Idempotency-Key: \"" + key + "\" (expected: 1 to " + maxLength + " characters" + forWhat + ")");
        }
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
        throw ApiException.badRequest(
                "wait: \"" + wait + "\" (expected: a whole number of seconds from 0 to " + MAX_WAIT_SECONDS + ")");
    }
}
