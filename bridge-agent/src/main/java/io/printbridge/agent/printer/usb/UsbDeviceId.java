package io.printbridge.agent.printer.usb;

/** A USB device's vendor and product id, shown as {@code 0471:0055} the way {@code lsusb} and Zadig show it. */
public record UsbDeviceId(int vendorId, int productId) {

    public UsbDeviceId {
        requireUnsigned16(vendorId, "vendor id");
        requireUnsigned16(productId, "product id");
    }

    /** Whether a device descriptor's {@code idVendor} / {@code idProduct} (signed shorts in usb4java) are these. */
    boolean matches(short idVendor, short idProduct) {
        return (idVendor & 0xFFFF) == vendorId && (idProduct & 0xFFFF) == productId;
    }

    @Override
    public String toString() {
        return String.format("%04x:%04x", vendorId, productId);
    }

    private static void requireUnsigned16(int value, String name) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0 to 0xFFFF, e.g. 0x0471)");
        }
    }
}
