/** Ids the server makes: UUIDs of version 7, which sort by creation time. */
@NullMarked
package io.printbridge.server.ids;

import org.jspecify.annotations.NullMarked;
