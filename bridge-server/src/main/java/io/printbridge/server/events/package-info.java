/** What happens to jobs and stores, published for live views (server-sent events) and webhooks. */
@NullMarked
package io.printbridge.server.events;

import org.jspecify.annotations.NullMarked;
