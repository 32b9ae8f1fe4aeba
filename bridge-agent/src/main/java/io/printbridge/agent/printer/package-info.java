@NullMarked
package io.printbridge.agent.printer;

import org.jspecify.annotations.NullMarked;
