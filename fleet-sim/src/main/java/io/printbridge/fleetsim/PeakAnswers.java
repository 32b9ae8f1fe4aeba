package io.printbridge.fleetsim;

import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The answers of one stretch of a peak cell, counted by kind. The kinds, as the summary shows them:
 *
 * <ul>
 *   <li>{@code DONE}: the answer came with the job final and done;
 *   <li>{@code late <state>}: the job was taken but not final when the {@code ?wait=} ran out (read
 *       until final afterwards; not an error: only its time says something);
 *   <li>{@code not done <state>}: the answer came with the job final in another state;
 *   <li>{@code refused <status>}: 429 or 503, the server's admission control (nothing was made);
 *   <li>{@code http <status>}: any other status (a 4xx here is a bad body: a bug of the simulator);
 *   <li>{@code timeout}: no answer within the post's timeout;
 *   <li>{@code no connection <exception>}: the connection could not be made (nothing was sent);
 *   <li>{@code connection <exception>}: the connection broke with the request sent or on its way.
 * </ul>
 *
 * Everything but {@code DONE} and {@code late} is an error.
 */
final class PeakAnswers {

    private final Map<String, AtomicLong> byKind = new ConcurrentHashMap<>();

    void add(String kind) {
        byKind.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
    }

    /** The counts by kind, sorted by name. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byKind.forEach((kind, count) -> counts.put(kind, count.get()));
        return counts;
    }

    /** How many answers were errors. */
    long errors() {
        return count(PeakAnswers::isError);
    }

    /** How many answers were refusals (429, 503): the server said no and made nothing. */
    long refusals() {
        return count(kind -> kind.startsWith("refused "));
    }

    /** How many answers were of a kind {@code kinds} accepts. */
    long count(Predicate<String> kinds) {
        return counts().entrySet().stream()
                .filter(e -> kinds.test(e.getKey()))
                .mapToLong(Map.Entry::getValue)
                .sum();
    }

    static boolean isError(String kind) {
        return !kind.equals("DONE") && !kind.startsWith("late ");
    }

    /** The kind of an HTTP answer with {@code state}, the job's state in its body (null when none). */
    static String ofAnswer(int status, @Nullable String state) {
        if (status == 429 || status == 503) {
            return "refused " + status;
        }
        if (status != 200 && status != 201) {
            return "http " + status;
        }
        if (state == null) {
            return "http " + status + " without a state";
        }
        return switch (state) {
            case "DONE" -> "DONE";
            case "FAILED", "EXPIRED", "UNCERTAIN" -> "not done " + state;
            default -> "late " + state;
        };
    }

    /**
     * A request still waiting for one of the client's connections when the cell's time was over:
     * the server was too far behind to be measured further, and it never saw the request.
     */
    static final String NOT_SENT = "not sent: the client's queue outlasted the cell";

    /** The kind of a request that got no answer. */
    static String ofFailure(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ConnectException) {
            return "no connection " + cause.getClass().getSimpleName();
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ErpHttp.NotSent) {
            return NOT_SENT;
        }
        return "connection " + cause.getClass().getSimpleName();
    }

    /**
     * Whether a request that ended as {@code kind} may have made a job nobody was told of: a
     * timeout, a broken connection or a 5xx other than 503. Its key is posted again after the cell
     * (as a careful ERP retries) to learn how the job ended.
     */
    static boolean mayHaveMadeAJob(String kind) {
        return kind.equals("timeout") || kind.startsWith("connection ") || kind.startsWith("http 5");
    }
}
