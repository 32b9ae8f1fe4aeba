/**
 * The people who use the fleet dashboard: their roles, their passwords (Argon2id, never the
 * password itself) and their preferences (language, time zone), in {@code dashboard_users}.
 * The ERP is not among them: it has API tokens ({@code api/}).
 */
@NullMarked
package io.printbridge.server.dashboard.users;

import org.jspecify.annotations.NullMarked;
