/**
 * {@code GET /api/v1/events}: job and store changes as server-sent events, for the ERP's live
 * views. One {@link io.printbridge.server.live.LiveEventHub} encodes each event once and hands it
 * to every open stream; each stream numbers the events it shows from 1 (so an id reveals nothing
 * about other stores), buffers a bounded number of them for a slow client and ends with an
 * {@code overflow} event rather than grow.
 */
@NullMarked
package io.printbridge.server.live;

import org.jspecify.annotations.NullMarked;
