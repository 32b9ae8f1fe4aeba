/**
 * The agents' streams: one object owns each live stream (its session, its deliveries, its
 * in-flight window and the matching of results), in one registry of the stores whose streams
 * this server holds.
 */
@NullMarked
package io.printbridge.server.streams;

import org.jspecify.annotations.NullMarked;
