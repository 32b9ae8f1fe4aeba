package io.printbridge.server.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;

/**
 * Maps {@link ApiException} to its status and JSON error body, once, at the edge.
 *
 * <p>A global error route rather than an {@code ExceptionHandler} bean: for an exception no error
 * route takes, Micronaut (4.10) looks its handler up among all the bean definitions, and under load
 * its small cache of such lookups missed at every error. With an ERP holding 3,000 connections past
 * the server's rate, those scans were 8.8 % of the HTTP threads' samples and the error answers 15 %;
 * with this route, no scan and 3 % (BENCHMARKS.md, "What an error answer costs"). Errors come by the
 * thousand exactly when the server can least afford them: refusals under overload, and a hostile
 * client's bad requests.
 */
@Controller
final class ApiErrorRoute {

    @Error(global = true, exception = ApiException.class)
    HttpResponse<ApiError> apiError(ApiException exception) {
        MutableHttpResponse<ApiError> response = HttpResponse.<ApiError>status(exception.status())
                .body(ApiError.of(exception.code(), exception.message(), exception.details()));
        if (exception instanceof RetryLaterApiException retryLater) {
            response.header("Retry-After", Long.toString(retryLater.retryAfterSeconds()));
        }
        return response;
    }
}
