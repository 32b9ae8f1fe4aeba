/**
 * Administration of the server while it runs: API tokens today ({@code /api/v1/admin/tokens},
 * the {@code admin} scope), with the same rules and audit trail whether it is called over HTTP
 * or by the command line on the database directly.
 */
@NullMarked
package io.printbridge.server.admin;

import org.jspecify.annotations.NullMarked;
