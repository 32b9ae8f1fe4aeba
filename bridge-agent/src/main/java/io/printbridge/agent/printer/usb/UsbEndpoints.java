package io.printbridge.agent.printer.usb;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which interface of a USB device to claim and which bulk endpoints to use on it: OUT for print
 * data, IN (when there is one) for status replies.
 *
 * <p>The choice works on plain records ({@link InterfaceInfo}, {@link EndpointInfo}) rather than
 * on usb4java's descriptors, which are views of native memory that only libusb can create: this
 * way it is tested without a device.
 *
 * @param inAddress the bulk IN endpoint, or {@link #NONE} for a printer that cannot talk back
 */
record UsbEndpoints(int interfaceNumber, int alternateSetting, int outAddress, int inAddress) {

    static final int NONE = -1;
    /** {@code bInterfaceClass} of a USB printer (USB Printer Class specification). */
    static final int PRINTER_CLASS = 7;

    /** One endpoint descriptor: {@code bEndpointAddress} and {@code bmAttributes}, unsigned. */
    record EndpointInfo(int address, int attributes) {
        boolean isBulk() {
            return (attributes & 0x03) == 0x02;
        }

        boolean isIn() {
            return (address & 0x80) != 0;
        }
    }

    /** One alternate setting of one interface, with its endpoints. */
    record InterfaceInfo(int number, int alternateSetting, int interfaceClass, List<EndpointInfo> endpoints) {
        InterfaceInfo {
            endpoints = List.copyOf(endpoints);
        }

        Optional<EndpointInfo> bulk(boolean in) {
            return endpoints.stream().filter(e -> e.isBulk() && e.isIn() == in).findFirst();
        }

        @Override
        public String toString() {
            return "interface " + number + "." + alternateSetting + " class " + interfaceClass + " endpoints "
                    + endpoints.stream()
                            .map(e -> String.format("0x%02x%s", e.address(), e.isBulk() ? " bulk" : ""))
                            .collect(Collectors.joining(", ", "[", "]"));
        }
    }

    /**
     * Picks the interface to print on: a printer-class interface before any other (cheap clones
     * declare "vendor specific" and still take ESC/POS on a bulk OUT endpoint), then one that can
     * also answer status (bulk IN), then the lowest number and alternate setting.
     */
    static UsbEndpoints find(UsbDeviceId id, List<InterfaceInfo> interfaces) throws UsbPrinterException {
        requireNonNull(interfaces, "interfaces");
        Comparator<InterfaceInfo> preference = Comparator.comparing(
                        (InterfaceInfo i) -> i.interfaceClass() != PRINTER_CLASS)
                .thenComparing(i -> i.bulk(true).isEmpty())
                .thenComparingInt(InterfaceInfo::number)
                .thenComparingInt(InterfaceInfo::alternateSetting);
        InterfaceInfo chosen = interfaces.stream()
                .filter(i -> i.bulk(false).isPresent())
                .min(preference)
                .orElseThrow(() -> new UsbPrinterException(
                        UsbPrinterException.Reason.NOT_A_PRINTER,
                        "USB device " + id
                                + " has no bulk OUT endpoint, so it cannot take print data (found: "
                                + (interfaces.isEmpty()
                                        ? "no interfaces"
                                        : interfaces.stream()
                                                .map(InterfaceInfo::toString)
                                                .collect(Collectors.joining("; ")))
                                + "); is this the printer's vendor:product id?"));
        return new UsbEndpoints(
                chosen.number(),
                chosen.alternateSetting(),
                chosen.bulk(false).orElseThrow().address(),
                chosen.bulk(true).map(EndpointInfo::address).orElse(NONE));
    }

    boolean hasIn() {
        return inAddress != NONE;
    }

    @Override
    public String toString() {
        return "interface " + interfaceNumber + (alternateSetting == 0 ? "" : "." + alternateSetting)
                + String.format(", bulk OUT 0x%02x", outAddress)
                + (hasIn() ? String.format(", bulk IN 0x%02x", inAddress) : ", no IN endpoint");
    }
}
