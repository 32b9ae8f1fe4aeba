@NullMarked
package io.printbridge.agent.printer.virtual;

import org.jspecify.annotations.NullMarked;
