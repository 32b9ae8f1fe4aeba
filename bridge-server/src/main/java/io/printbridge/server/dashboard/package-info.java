/**
 * The fleet dashboard under {@code /dashboard} on the REST port: server-rendered pages (every
 * value from an agent or the ERP escaped by {@link io.printbridge.server.dashboard.Html}), one
 * small script served from the jar for live updates, sessions with CSRF tokens for people
 * ({@code users/}), apart from the ERP's bearer tokens.
 */
@NullMarked
package io.printbridge.server.dashboard;

import org.jspecify.annotations.NullMarked;
