package io.printbridge.server.render;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * How invoices are rendered ({@code bridge.render.*}).
 *
 * @param logo a PNG printed at the top of every invoice, dithered for the printer; none if unset
 */
@ConfigurationProperties("bridge.render")
public record RenderConfig(@Nullable Path logo) {}
