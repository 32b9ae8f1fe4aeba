/** Network receipt printers on raw TCP (port 9100, "JetDirect" / "AppSocket"). */
@NullMarked
package io.printbridge.agent.printer.tcp;

import org.jspecify.annotations.NullMarked;
