package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failed logins counted per user name and per client address over a sliding window: beyond
 * either limit, logins under that name or from that address are refused until the oldest failure
 * leaves the window, even with the right password (so guessing gets no answer at all). A
 * successful login clears its name's count. At most {@link #MAX_KEYS} names and addresses are
 * remembered; beyond, the least recently failed are forgotten.
 */
@Singleton
final class LoginThrottle {

    static final int MAX_KEYS = 10_000;

    private final DashboardConfig config;
    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(16, 0.75f, true);

    LoginThrottle(DashboardConfig config, Clock clock) {
        this.config = requireNonNull(config, "config");
        this.clock = requireNonNull(clock, "clock");
    }

    /** How long until {@code user} from {@code address} may try again; empty if now. */
    synchronized Optional<Duration> refusedFor(String user, String address) {
        Instant now = clock.instant();
        Optional<Duration> byUser = wait("user:" + user, config.loginFailuresPerUser(), now);
        Optional<Duration> byAddress = wait("address:" + address, config.loginFailuresPerAddress(), now);
        if (byUser.isPresent() && byAddress.isPresent()) {
            return Optional.of(byUser.get().compareTo(byAddress.get()) > 0 ? byUser.get() : byAddress.get());
        }
        return byUser.isPresent() ? byUser : byAddress;
    }

    synchronized void failed(String user, String address) {
        Instant now = clock.instant();
        add("user:" + user, now);
        add("address:" + address, now);
    }

    synchronized void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private Optional<Duration> wait(String key, int limit, Instant now) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        Instant windowStart = now.minus(config.loginWindow());
        while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
            times.pollFirst();
        }
        if (times.size() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(windowStart, times.peekFirst()));
    }

    private void add(String key, Instant now) {
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > Math.max(config.loginFailuresPerUser(), config.loginFailuresPerAddress())) {
            times.pollFirst();
        }
        while (failures.size() > MAX_KEYS) {
            String eldest = failures.keySet().iterator().next();
            failures.remove(eldest);
        }
    }
}
