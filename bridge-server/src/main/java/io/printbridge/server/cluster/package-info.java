/**
 * Several servers, one fleet (PostgreSQL only): which server holds each store's stream (a durable
 * row with an epoch, the newest connection winning everywhere), hints between servers over
 * PostgreSQL LISTEN/NOTIFY (a new job for a stream held elsewhere, a job that ended, a store that
 * changed, a stream claimed) and the periodic sweep that guarantees what a lost hint would have
 * done. With the cluster disabled (the default, and H2) nothing here runs and one server holds
 * every stream, as before.
 */
@NullMarked
package io.printbridge.server.cluster;

import org.jspecify.annotations.NullMarked;
