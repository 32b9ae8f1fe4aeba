/**
 * The server's database: jobs with their history, stores, the audit log and API tokens, through
 * micronaut-data-jdbc. The schema is in {@code db/migration} (Flyway) and is written to run on
 * PostgreSQL and on H2 in PostgreSQL mode alike.
 */
@NullMarked
package io.printbridge.server.db;

import org.jspecify.annotations.NullMarked;
