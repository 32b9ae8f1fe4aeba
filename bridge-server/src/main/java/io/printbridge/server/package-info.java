@NullMarked
package io.printbridge.server;

import org.jspecify.annotations.NullMarked;
