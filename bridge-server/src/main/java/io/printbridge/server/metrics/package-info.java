/**
 * The bridge's own product metrics, beside the JVM, HTTP and connection-pool ones that
 * micronaut-micrometer provides; all are scraped at {@code GET /prometheus}. Metrics never carry
 * a store id or a token: the scrape is unauthenticated, and one series per store would grow
 * without bound.
 */
@NullMarked
package io.printbridge.server.metrics;

import org.jspecify.annotations.NullMarked;
