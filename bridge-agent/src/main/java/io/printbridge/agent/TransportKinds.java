package io.printbridge.agent;

import io.printbridge.proto.v1.PrinterTransport;

/** Names of printer transports in configuration, and their contract values. */
final class TransportKinds {

    static final String VIRTUAL = "virtual";
    static final String NETWORK = "network";
    static final String USB = "usb";
    static final String SPOOLER = "spooler";

    private TransportKinds() {}

    static PrinterTransport toProto(String kind) {
        return switch (kind) {
            case VIRTUAL -> PrinterTransport.PRINTER_TRANSPORT_VIRTUAL;
            case NETWORK -> PrinterTransport.PRINTER_TRANSPORT_NETWORK;
            case USB -> PrinterTransport.PRINTER_TRANSPORT_USB;
            case SPOOLER -> PrinterTransport.PRINTER_TRANSPORT_SPOOLER;
            default -> PrinterTransport.PRINTER_TRANSPORT_UNSPECIFIED;
        };
    }
}
