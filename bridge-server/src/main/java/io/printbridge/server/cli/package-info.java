/** Administration commands run from the server's jar ({@code bridge-server tokens ...}). */
@NullMarked
package io.printbridge.server.cli;

import org.jspecify.annotations.NullMarked;
