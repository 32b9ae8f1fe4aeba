package io.printbridge.server.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.http.HttpStatus;
import io.printbridge.proto.v1.Printer;
import io.printbridge.server.jobs.JobPayload;
import io.printbridge.server.jobs.JobRequest;
import io.printbridge.server.render.InvoiceRenderer;
import io.printbridge.server.render.InvoiceSource;
import io.printbridge.server.stores.StoreDirectory;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * The API's edge, after the request parser: a request becomes what the agent executes, for the
 * store and printer it names. An invoice is rendered here for the printer its agent reported, so
 * the job side only ever sees bytes, and every request, invoice or not, takes the same path.
 */
@Singleton
final class JobRenderer {

    private final StoreDirectory stores;
    private final InvoiceRenderer invoices;

    JobRenderer(StoreDirectory stores, InvoiceRenderer invoices) {
        this.stores = requireNonNull(stores, "stores");
        this.invoices = requireNonNull(invoices, "invoices");
    }

    /**
     * {@code request}, ready to print on {@code storeId}'s printer.
     *
     * @throws ApiException 404 UNKNOWN_STORE for a store no agent of which ever connected, 400 for
     *     a printer the store does not have
     */
    JobRequest render(String storeId, JobRequest request) {
        knownStore(storeId);
        if (request.type().forClock()) {
            if (request.printer().equals(JobRequestParser.EVERY_CLOCK)) {
                throw ApiException.badRequest("clock: \"*\" (expected: one clock's name; to reach every clock of the"
                        + " store, send the job in a batch, POST /api/v1/stores/" + storeId + "/jobs/batch)");
            }
            return forClock(storeId, request, "");
        }
        return forPrinter(storeId, request, "");
    }

    /** {@link #render} for each job of a batch; an error names its element ({@code jobs[3].printer}). */
    List<JobRequest> renderAll(String storeId, List<JobRequest> requests) {
        knownStore(storeId);
        List<JobRequest> ready = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            JobRequest request = requests.get(i);
            String path = "jobs[" + i + "].";
            if (!request.type().forClock()) {
                ready.add(forPrinter(storeId, request, path));
            } else if (request.printer().equals(JobRequestParser.EVERY_CLOCK)) {
                List<String> clocks = stores.clockNames(storeId);
                if (clocks.isEmpty()) {
                    throw ApiException.badRequest(path + "clock: \"*\" (expected: a store with attendance clocks;"
                            + " store " + storeId + "'s agent reported none)");
                }
                for (String clock : clocks) {
                    ready.add(new JobRequest(request.type(), clock, request.payload(), request.timeToLive(), false));
                }
            } else {
                ready.add(forClock(storeId, request, path));
            }
        }
        return ready;
    }

    private void knownStore(String storeId) {
        if (!stores.isKnown(storeId)) {
            throw new ApiException(
                    HttpStatus.NOT_FOUND,
                    "UNKNOWN_STORE",
                    "unknown store \"" + storeId + "\" (expected: a store whose agent has connected at least once)");
        }
    }

    /** A clock job, for a clock the store's agent reported (the only one, for an empty name). */
    private JobRequest forClock(String storeId, JobRequest request, String path) {
        List<String> clocks = stores.clockNames(storeId);
        String clock = request.printer();
        if (clock.isEmpty() && clocks.size() == 1) {
            return new JobRequest(request.type(), clocks.get(0), request.payload(), request.timeToLive(), false);
        }
        if (!clocks.contains(clock)) {
            throw ApiException.badRequest(path + "clock: \"" + clock + "\" (expected: "
                    + (clocks.isEmpty()
                            ? "a store with attendance clocks; store " + storeId + "'s agent reported none"
                            : "one of store " + storeId + "'s clocks " + clocks)
                    + ")");
        }
        return request;
    }

    private JobRequest forPrinter(String storeId, JobRequest request, String path) {
        Printer printer = stores.printer(storeId, request.printer())
                .orElseThrow(() -> ApiException.badRequest(path
                        + "printer: \"" + request.printer() + "\" (expected: one of store " + storeId + "'s printers "
                        + stores.printerNames(storeId) + ")"));
        if (!(request.payload() instanceof JobPayload.InvoiceToRender invoice)) {
            return request;
        }
        JobPayload.Print rendered = new JobPayload.Print(
                invoices.escPos(invoice.invoice(), printer.getCapabilities()),
                new InvoiceSource(invoice.sourceJson(), printer.getCapabilities()));
        return new JobRequest(request.type(), request.printer(), rendered, request.timeToLive(), request.openDrawer());
    }
}
