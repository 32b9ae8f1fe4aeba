package io.printbridge.agent.config;

import io.printbridge.agent.printer.PrinterTransport;
import io.printbridge.agent.printer.spooler.SpoolerPrinterTransport;
import io.printbridge.agent.printer.tcp.TcpPrinterTransport;
import io.printbridge.agent.printer.usb.UsbTransports;
import io.printbridge.agent.printer.virtual.VirtualPrinter;
import io.printbridge.agent.printer.virtual.VirtualPrinterTransport;
import java.time.Duration;

/**
 * Opens the transport a printer is configured with. The USB branch is the only place that
 * reaches the usb4java-backed classes, through {@link UsbTransports}, so an agent with only
 * network printers never loads usb4java or its native library.
 */
public final class PrinterTransports {

    /** How long a connect (TCP) may take before the printer counts as unreachable. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** How long a printer may accept no bytes at all before a write fails. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private PrinterTransports() {}

    public static PrinterTransport open(TransportConfig config) {
        if (config instanceof TransportConfig.Network network) {
            return new TcpPrinterTransport(network.host(), network.port(), CONNECT_TIMEOUT, WRITE_TIMEOUT);
        }
        if (config instanceof TransportConfig.Usb usb) {
            return UsbTransports.open(usb.vendorId(), usb.productId(), WRITE_TIMEOUT);
        }
        if (config instanceof TransportConfig.Spooler spooler) {
            return new SpoolerPrinterTransport(spooler.queue());
        }
        return new VirtualPrinterTransport(new VirtualPrinter());
    }
}
