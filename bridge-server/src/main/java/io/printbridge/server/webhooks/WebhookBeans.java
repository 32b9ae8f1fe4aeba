package io.printbridge.server.webhooks;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads and the HTTP client of the webhooks, made only when webhooks are configured. One
 * scheduler thread does all the bookkeeping (recording deliveries, finding due ones, recording
 * outcomes), so it needs no locks; HTTP exchanges run on two threads of their own, never on the
 * thread that published the event.
 */
@Factory
@Requires(property = "bridge.webhooks")
final class WebhookBeans {

    /** The bookkeeping thread (a ScheduledExecutorService), and the HTTP client. */
    static final String WEBHOOKS = "webhooks";
    /** The HTTP client's executor. */
    static final String WEBHOOKS_HTTP = "webhooks-http";
    /** Bounds how long a connection may take whatever a webhook's timeout; the request timeout covers the rest. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    @Singleton
    @Named(WEBHOOKS)
    @Bean(preDestroy = "shutdown")
    ScheduledExecutorService scheduler() {
        return Executors.newSingleThreadScheduledExecutor(daemonThreads(WEBHOOKS));
    }

    @Singleton
    @Named(WEBHOOKS_HTTP)
    @Bean(preDestroy = "shutdown")
    ExecutorService httpExecutor() {
        return Executors.newFixedThreadPool(2, daemonThreads(WEBHOOKS_HTTP));
    }

    @Singleton
    @Named(WEBHOOKS)
    HttpClient httpClient(@Named(WEBHOOKS_HTTP) ExecutorService httpExecutor) {
        return HttpClient.newBuilder()
                // HTTP/1.1: no h2c upgrade attempt on plain http, which some ERP front ends refuse.
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(httpExecutor)
                .build();
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
