package io.printbridge.server;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Beans that are plain objects rather than annotated classes. */
@Factory
final class ServerBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
