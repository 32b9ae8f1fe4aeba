/** Printers that stay on their vendor driver: raw jobs through the Windows spooler or CUPS. */
@NullMarked
package io.printbridge.agent.printer.spooler;

import org.jspecify.annotations.NullMarked;
