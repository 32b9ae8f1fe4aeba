/**
 * The command line of the server's jar: {@code bridge-server} with no arguments starts the
 * server; {@code bridge-server tokens create|list|revoke} manages API tokens, on the database
 * directly or, with {@code --server}, through a running server's admin API. One class per
 * command, under {@link io.printbridge.server.cli.ServerCommand}; a new command group is one more
 * entry in its {@code subcommands}.
 *
 * <p>Exit status: 0 done, 1 failed (database in use or unreachable, server refused), 2 wrong
 * command line or request (unknown or misspelt option, missing value, a store list that names no
 * store, a taken name); the usage of a wrong command line goes to standard error.
 */
@NullMarked
package io.printbridge.server.cli;

import org.jspecify.annotations.NullMarked;
