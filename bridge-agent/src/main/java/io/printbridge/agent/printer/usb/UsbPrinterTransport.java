package io.printbridge.agent.printer.usb;

import static java.util.Objects.requireNonNull;

import io.printbridge.agent.printer.PrinterTransport;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.usb4java.Context;
import org.usb4java.Device;
import org.usb4java.DeviceDescriptor;
import org.usb4java.DeviceHandle;
import org.usb4java.DeviceList;
import org.usb4java.LibUsb;

/**
 * A USB printer driven directly through libusb: found by vendor and product id, its printer
 * interface claimed, print data written to its bulk OUT endpoint and status read from its bulk
 * IN endpoint.
 *
 * <p>Opens on first use. After any failure it releases the device, and the next call finds and
 * claims it again, so a printer that was unplugged or switched off works again as soon as it
 * is back. Package-private: the agent gets one from {@link UsbTransports}, so no other class
 * refers to this one or to usb4java.
 *
 * <p>Not thread-safe: the printer's own worker uses it.
 */
final class UsbPrinterTransport implements PrinterTransport {

    private static final Logger log = LoggerFactory.getLogger(UsbPrinterTransport.class);

    private final UsbDeviceId id;
    private final Duration writeTimeout;
    private final boolean windows;
    private @Nullable Claimed claimed;
    /** Known after the first open: false for a printer without a bulk IN endpoint. */
    private boolean canReadStatus = true;

    /** The device handle with its claimed interface, and the pipe over its endpoints. */
    private record Claimed(DeviceHandle handle, UsbEndpoints endpoints, UsbBulkPipe pipe) {}

    UsbPrinterTransport(UsbDeviceId id, Duration writeTimeout) {
        this.id = requireNonNull(id, "id");
        this.writeTimeout = requireNonNull(writeTimeout, "writeTimeout");
        this.windows =
                System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    @Override
    public void write(byte[] data) throws UsbPrinterException {
        requireNonNull(data, "data");
        UsbBulkPipe pipe = claimed().pipe();
        try {
            pipe.write(data);
        } catch (UsbPrinterException e) {
            release();
            throw e;
        }
    }

    @Override
    public int read(Duration timeout) throws UsbPrinterException {
        requireNonNull(timeout, "timeout");
        UsbBulkPipe pipe = claimed().pipe();
        try {
            return pipe.read(timeout);
        } catch (UsbPrinterException e) {
            release();
            throw e;
        }
    }

    @Override
    public void discardInput() throws UsbPrinterException {
        UsbBulkPipe pipe = claimed().pipe();
        try {
            pipe.discardInput();
        } catch (UsbPrinterException e) {
            release();
            throw e;
        }
    }

    @Override
    public boolean canReadStatus() {
        return canReadStatus;
    }

    @Override
    public String describe() {
        return "usb " + id;
    }

    @Override
    public void close() {
        release();
    }

    private Claimed claimed() throws UsbPrinterException {
        Claimed current = claimed;
        if (current == null) {
            current = claim();
            claimed = current;
            canReadStatus = current.endpoints().hasIn();
            log.info("USB printer {} claimed ({})", id, current.endpoints());
        }
        return current;
    }

    private Claimed claim() throws UsbPrinterException {
        Device device = find(LibUsbContext.get());
        try {
            UsbEndpoints endpoints = UsbEndpoints.find(id, LibUsbDescriptors.interfaces(device, id));
            DeviceHandle handle = new DeviceHandle();
            int result = LibUsb.open(device, handle);
            if (result < 0) {
                throw UsbFailures.opening(id, "open", result, windows);
            }
            try {
                claimInterface(handle, endpoints);
            } catch (UsbPrinterException e) {
                LibUsb.close(handle);
                throw e;
            }
            UsbBulkPipe pipe = new UsbBulkPipe(
                    id,
                    endpoints,
                    (endpoint, data, transferred, timeout) ->
                            LibUsb.bulkTransfer(handle, endpoint, data, transferred, timeout),
                    writeTimeout,
                    UsbBulkPipe.CHUNK_SIZE);
            return new Claimed(handle, endpoints, pipe);
        } finally {
            LibUsb.unrefDevice(device);
        }
    }

    private void claimInterface(DeviceHandle handle, UsbEndpoints endpoints) throws UsbPrinterException {
        if (LibUsb.hasCapability(LibUsb.CAP_SUPPORTS_DETACH_KERNEL_DRIVER)) {
            // Linux binds printers to usblp: detach it when claiming, give it back on release.
            LibUsb.setAutoDetachKernelDriver(handle, true);
        }
        int number = endpoints.interfaceNumber();
        int result = LibUsb.claimInterface(handle, number);
        if (result < 0) {
            throw UsbFailures.opening(id, "claim interface " + number, result, windows);
        }
        if (endpoints.alternateSetting() != 0) {
            result = LibUsb.setInterfaceAltSetting(handle, number, endpoints.alternateSetting());
            if (result < 0) {
                LibUsb.releaseInterface(handle, number);
                throw UsbFailures.opening(
                        id, "select alternate setting " + endpoints.alternateSetting(), result, windows);
            }
        }
    }

    /** The first connected device with this id, with a reference the caller must drop. */
    private Device find(Context context) throws UsbPrinterException {
        DeviceList list = new DeviceList();
        int count = LibUsb.getDeviceList(context, list);
        if (count < 0) {
            throw UsbFailures.transferring(id, "listing USB devices", count, "");
        }
        try {
            for (Device device : list) {
                DeviceDescriptor descriptor = new DeviceDescriptor();
                if (LibUsb.getDeviceDescriptor(device, descriptor) == 0
                        && id.matches(descriptor.idVendor(), descriptor.idProduct())) {
                    return LibUsb.refDevice(device);
                }
            }
        } finally {
            LibUsb.freeDeviceList(list, true);
        }
        throw UsbFailures.notFound(id);
    }

    /** Releases the interface and closes the handle; quiet, since the device may already be gone. */
    private void release() {
        Claimed current = claimed;
        claimed = null;
        if (current != null) {
            LibUsb.releaseInterface(current.handle(), current.endpoints().interfaceNumber());
            LibUsb.close(current.handle());
        }
    }
}
