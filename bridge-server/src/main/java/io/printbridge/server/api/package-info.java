@NullMarked
package io.printbridge.server.api;

import org.jspecify.annotations.NullMarked;
