package io.printbridge.server.api;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.List;

/**
 * One API token ({@code bridge.api.tokens.<name>.*}). Only the SHA-256 of the token is
 * configured, never the token itself.
 *
 * @param name who holds it, for the audit trail ("erp-prod")
 * @param sha256 lowercase hex SHA-256 of the bearer token
 * @param stores the store ids it may use, {@code ["*"]} for all; missing or empty reaches no store
 * @param scopes what it may do: {@code print} (the default), {@code admin}
 */
@EachProperty("bridge.api.tokens")
public record ApiTokenConfig(
        @Parameter String name,

        @NotBlank
        @Pattern(regexp = "[0-9a-f]{64}", message = "expected: 64 lowercase hex digits (SHA-256 of the token)")
        String sha256,

        @Nullable List<String> stores,
        @Bindable(defaultValue = "print") List<String> scopes) {}
