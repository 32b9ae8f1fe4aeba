/**
 * The REST port's connections: a deadline for reading each request
 * ({@link io.printbridge.server.http.RequestReadDeadline}, {@code bridge.http.*}) and the wait of
 * requests not read yet ({@link io.printbridge.server.http.RequestLoopLag}, stamped on each request
 * by {@link io.printbridge.server.http.ReadBacklogStamp}), put into Micronaut's Netty pipeline by
 * {@link io.printbridge.server.http.RestPipelineInstaller}. The other limits of the port (bind
 * address, head and body sizes) are Micronaut settings in application.yml.
 */
@NullMarked
package io.printbridge.server.http;

import org.jspecify.annotations.NullMarked;
