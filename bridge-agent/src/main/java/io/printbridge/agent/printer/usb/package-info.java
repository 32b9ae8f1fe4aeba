/**
 * USB receipt printers driven directly through libusb (usb4java). Only the classes of this
 * package may touch {@code org.usb4java}: its native library loads when a USB printer is first
 * used, never in an agent that has none. The rest of the agent reaches USB through
 * {@link io.printbridge.agent.printer.usb.UsbTransports} and {@link io.printbridge.agent.printer.usb.UsbPrinters}.
 */
@NullMarked
package io.printbridge.agent.printer.usb;

import org.jspecify.annotations.NullMarked;
