package io.printbridge.server.dashboard;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;

/**
 * The dashboard ({@code bridge.dashboard.*}).
 *
 * @param sessionIdle a session unused this long is over (the user logs in again)
 * @param sessionMaxAge a session is over this long after login, however used
 * @param maxSessions sessions held at once; the oldest is ended to make room for a new one
 * @param loginFailuresPerUser failed logins one user name may have within {@code loginWindow}
 * @param loginFailuresPerAddress failed logins one client address may have within {@code loginWindow}
 * @param loginWindow how long a failed login counts
 * @param offlineAlert a store offline longer than this is an alert
 * @param failureRateAlert percent of a store's jobs that failed in the last 24 h beyond which it is an alert
 */
@ConfigurationProperties("bridge.dashboard")
public record DashboardConfig(
        @Bindable(defaultValue = "8h") @NotNull Duration sessionIdle,
        @Bindable(defaultValue = "24h") @NotNull Duration sessionMaxAge,
        @Bindable(defaultValue = "1000") @Positive int maxSessions,
        @Bindable(defaultValue = "5") @Positive int loginFailuresPerUser,
        @Bindable(defaultValue = "20") @Positive int loginFailuresPerAddress,
        @Bindable(defaultValue = "15m") @NotNull Duration loginWindow,
        @Bindable(defaultValue = "10m") @NotNull Duration offlineAlert,
        @Bindable(defaultValue = "20") @Positive int failureRateAlert) {

    public DashboardConfig {
        requireNonNull(sessionIdle, "sessionIdle");
        requireNonNull(sessionMaxAge, "sessionMaxAge");
        requireNonNull(loginWindow, "loginWindow");
        requireNonNull(offlineAlert, "offlineAlert");
    }
}
