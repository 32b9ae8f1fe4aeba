/**
 * The shops: which stores exist, whether each one's agent is online, when it was last heard
 * from, and its printers with their latest status, kept in memory and recorded in the database.
 */
@NullMarked
package io.printbridge.server.stores;

import org.jspecify.annotations.NullMarked;
