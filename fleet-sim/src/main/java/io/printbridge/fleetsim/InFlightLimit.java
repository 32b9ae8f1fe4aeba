package io.printbridge.fleetsim;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * At most {@code limit} requests in flight on an {@link HttpClient}; the others wait their turn in
 * order, and {@link #send} never blocks its caller, so an open-loop sender keeps its schedule.
 *
 * <p>Why: the JDK client opens one HTTP/1.1 connection per request in flight, without a bound. At
 * 700 jobs a second with {@code ?wait}, once answers slowed it opened thousands, and the peak's
 * sender fell 50 s behind its plan with timeouts and {@code InternalError}s: the client, not the
 * server, was measured. An ERP has a pool of workers or connections too; the time a request waits
 * here is part of its latency (measured from its planned send).
 */
final class InFlightLimit {

    private record Pending(HttpRequest request, CompletableFuture<HttpResponse<String>> answer) {}

    private final HttpClient http;
    private final Semaphore slots;
    private final ConcurrentLinkedQueue<Pending> waiting = new ConcurrentLinkedQueue<>();

    InFlightLimit(HttpClient http, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("peak-connections: " + limit + " (expected: at least 1)");
        }
        this.http = http;
        this.slots = new Semaphore(limit);
    }

    /** Sends {@code request} now if a slot is free, else once one is: the answer, as sendAsync's. */
    CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        CompletableFuture<HttpResponse<String>> answer = new CompletableFuture<>();
        waiting.add(new Pending(request, answer));
        drain();
        return answer;
    }

    /**
     * Gives up on the requests still waiting for a slot: they are never sent, and their answers
     * fail with {@link NotSent}. Those already sent end by their own timeout.
     *
     * @return how many were given up
     */
    int abandonWaiting(String why) {
        int abandoned = 0;
        for (Pending pending = waiting.poll(); pending != null; pending = waiting.poll()) {
            pending.answer().completeExceptionally(new NotSent(why));
            abandoned++;
        }
        return abandoned;
    }

    /** A request given up before it was sent: it cannot have made a job. */
    static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSent(String why) {
            super(why, null, false, false);
        }
    }

    /** Sends waiting requests while slots are free; a slot freed meanwhile calls it again. */
    private void drain() {
        while (!waiting.isEmpty() && slots.tryAcquire()) {
            Pending next = waiting.poll();
            if (next == null) {
                // Another thread took it between the check and the poll: give the slot back.
                slots.release();
                continue;
            }
            http.sendAsync(next.request(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                slots.release();
                drain();
                if (error != null) {
                    next.answer().completeExceptionally(error);
                } else {
                    next.answer().complete(response);
                }
            });
        }
    }
}
