package io.printbridge.server.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Shop identity ({@code bridge.identity.*}).
 *
 * @param caKey the private key (PEM, PKCS#8) of the store CA, with which the server issues agent
 *     certificates at enrolment and renewal; its certificate is the one in
 *     {@code bridge.grpc.client-ca} it matches. Without it the server issues nothing (agents'
 *     certificates are then made by hand with the certs tool, and never renewed)
 * @param certificateLifetime how long an issued agent certificate is valid; the agent renews it
 *     at half that
 * @param backdate how long before its issue a certificate is already valid, for a shop PC whose
 *     clock is behind
 * @param enrolmentCodeLifetime how long a new enrolment code may be used
 * @param clockSkewWarning an agent whose clock differs from the server's by more is logged
 * @param agentAddress the {@code host:port} shops dial for this server's agent port, written into
 *     the command line shown with each enrolment code (without it, {@code SERVER:<port>})
 * @param enrolmentsPerMinute Enroll calls the server takes per minute from all addresses together;
 *     beyond, RESOURCE_EXHAUSTED (a guess at codes gets nowhere: 60 secret bits)
 * @param enrolmentsPerMinutePerAddress Enroll calls per minute from one IP address
 * @param renewalsPerHour how many certificates one store may be issued by renewal within an hour;
 *     a working agent renews once per half lifetime (45 days by default), so more is a PC that
 *     loops or a stolen certificate minting keys, refused until the hour has passed
 */
@ConfigurationProperties("bridge.identity")
public record IdentityConfig(
        @Nullable Path caKey,
        @Bindable(defaultValue = "90d") @NotNull Duration certificateLifetime,
        @Bindable(defaultValue = "1h") @NotNull Duration backdate,
        @Bindable(defaultValue = "24h") @NotNull Duration enrolmentCodeLifetime,
        @Bindable(defaultValue = "2m") @NotNull Duration clockSkewWarning,
        @Nullable String agentAddress,
        @Bindable(defaultValue = "60") @Positive int enrolmentsPerMinute,
        @Bindable(defaultValue = "10") @Positive int enrolmentsPerMinutePerAddress,
        @Bindable(defaultValue = "6") @Positive int renewalsPerHour) {}
