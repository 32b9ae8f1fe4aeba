package io.printbridge.agent.printer.usb;

import io.printbridge.agent.printer.usb.UsbEndpoints.EndpointInfo;
import io.printbridge.agent.printer.usb.UsbEndpoints.InterfaceInfo;
import java.util.ArrayList;
import java.util.List;
import org.usb4java.ConfigDescriptor;
import org.usb4java.Device;
import org.usb4java.EndpointDescriptor;
import org.usb4java.Interface;
import org.usb4java.InterfaceDescriptor;
import org.usb4java.LibUsb;

/** Copies a device's interface descriptors out of libusb's native memory into plain records. */
final class LibUsbDescriptors {

    private LibUsbDescriptors() {}

    /** Every alternate setting of every interface of the device's active configuration. */
    static List<InterfaceInfo> interfaces(Device device, UsbDeviceId id) throws UsbPrinterException {
        ConfigDescriptor config = new ConfigDescriptor();
        int result = LibUsb.getActiveConfigDescriptor(device, config);
        if (result == UsbError.NOT_FOUND.code()) {
            // An unconfigured device (seen on Windows before a driver touched it): read the first one.
            result = LibUsb.getConfigDescriptor(device, (byte) 0, config);
        }
        if (result < 0) {
            throw UsbFailures.transferring(id, "reading the configuration descriptor", result, "");
        }
        try {
            List<InterfaceInfo> interfaces = new ArrayList<>();
            for (Interface iface : config.iface()) {
                for (InterfaceDescriptor setting : iface.altsetting()) {
                    interfaces.add(info(setting));
                }
            }
            return interfaces;
        } finally {
            LibUsb.freeConfigDescriptor(config);
        }
    }

    static InterfaceInfo info(InterfaceDescriptor setting) {
        List<EndpointInfo> endpoints = new ArrayList<>();
        for (EndpointDescriptor endpoint : setting.endpoint()) {
            endpoints.add(new EndpointInfo(endpoint.bEndpointAddress() & 0xFF, endpoint.bmAttributes() & 0xFF));
        }
        return new InterfaceInfo(
                setting.bInterfaceNumber() & 0xFF,
                setting.bAlternateSetting() & 0xFF,
                setting.bInterfaceClass() & 0xFF,
                endpoints);
    }
}
