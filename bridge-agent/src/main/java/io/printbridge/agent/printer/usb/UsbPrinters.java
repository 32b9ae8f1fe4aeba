package io.printbridge.agent.printer.usb;

import io.printbridge.agent.printer.usb.UsbEndpoints.InterfaceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;
import org.usb4java.LibUsbException;

/**
 * Lists the USB printers this machine sees, with the ids to put in the configuration. Loads
 * libusb: call it only when asked to (the technician's command), not at agent start.
 */
public final class UsbPrinters {

    private UsbPrinters() {}

    /**
     * Devices with a printer-class interface (USB class 7), in libusb's order. Each is opened
     * briefly to read its name; one that cannot be opened is listed with the reason, which is
     * what a technician needs to know (on Windows: the driver is not WinUSB yet).
     */
    public static List<UsbPrinterInfo> list() throws UsbPrinterException {
        boolean windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        DeviceList list = new DeviceList();
        int count = LibUsb.getDeviceList(LibUsbContext.get(), list);
        if (count < 0) {
            throw UsbFailures.libusbUnavailable("cannot list USB devices (" + UsbError.of(count) + ")");
        }
        try {
            List<UsbPrinterInfo> printers = new ArrayList<>();
            for (Device device : list) {
                DeviceDescriptor descriptor = new DeviceDescriptor();
                if (LibUsb.getDeviceDescriptor(device, descriptor) != 0) {
                    continue;
                }
                UsbDeviceId id = new UsbDeviceId(descriptor.idVendor() & 0xFFFF, descriptor.idProduct() & 0xFFFF);
                if (isPrinter(device, descriptor, id)) {
                    printers.add(describe(device, descriptor, id, windows));
                }
            }
            return printers;
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
    }

    private static boolean isPrinter(Device device, DeviceDescriptor descriptor, UsbDeviceId id) {
        if ((descriptor.bDeviceClass() & 0xFF) == UsbEndpoints.PRINTER_CLASS) {
            return true;
        }
        try {
            return LibUsbDescriptors.interfaces(device, id).stream()
                    .mapToInt(InterfaceInfo::interfaceClass)
                    .anyMatch(c -> c == UsbEndpoints.PRINTER_CLASS);
        } catch (UsbPrinterException e) {
            return false; // no readable configuration: not something we can print to anyway
        }
    }

    private static UsbPrinterInfo describe(
            Device device, DeviceDescriptor descriptor, UsbDeviceId id, boolean windows) {
        int bus = LibUsb.getBusNumber(device);
        int address = LibUsb.getDeviceAddress(device);
        DeviceHandle handle = new DeviceHandle();
        int result = LibUsb.open(device, handle);
        if (result < 0) {
            return new UsbPrinterInfo(
                    id,
                    bus,
                    address,
                    "",
                    UsbFailures.opening(id, "open", result, windows).getMessage());
        }
        try {
            String name = (text(handle, descriptor.iManufacturer()) + " " + text(handle, descriptor.iProduct())).trim();
            return new UsbPrinterInfo(id, bus, address, name, null);
        } finally {
            LibUsb.close(handle);
        }
    }

    /** A string descriptor, or empty when the device has none or does not answer. */
    private static String text(DeviceHandle handle, byte index) {
        if (index == 0) {
            return "";
        }
        try {
            @Nullable String value = LibUsb.getStringDescriptor(handle, index);
            return value == null ? "" : value.trim();
        } catch (LibUsbException e) {
            return "";
        }
    }
}
