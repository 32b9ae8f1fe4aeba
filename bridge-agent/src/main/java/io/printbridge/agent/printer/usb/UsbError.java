package io.printbridge.agent.printer.usb;

/**
 * The error codes libusb functions return, with libusb's own names. Kept here rather than read
 * from {@code org.usb4java.LibUsb} so the messages can be built and tested without loading
 * the native library ({@code UsbErrorTest} checks the numbers match).
 */
enum UsbError {
    IO(-1, "LIBUSB_ERROR_IO", "input/output error"),
    INVALID_PARAM(-2, "LIBUSB_ERROR_INVALID_PARAM", "invalid parameter"),
    ACCESS(-3, "LIBUSB_ERROR_ACCESS", "access denied (insufficient permissions)"),
    NO_DEVICE(-4, "LIBUSB_ERROR_NO_DEVICE", "no such device (it may have been disconnected)"),
    NOT_FOUND(-5, "LIBUSB_ERROR_NOT_FOUND", "entity not found"),
    BUSY(-6, "LIBUSB_ERROR_BUSY", "resource busy"),
    TIMEOUT(-7, "LIBUSB_ERROR_TIMEOUT", "operation timed out"),
    OVERFLOW(-8, "LIBUSB_ERROR_OVERFLOW", "overflow"),
    PIPE(-9, "LIBUSB_ERROR_PIPE", "pipe error (endpoint stalled)"),
    INTERRUPTED(-10, "LIBUSB_ERROR_INTERRUPTED", "system call interrupted"),
    NO_MEM(-11, "LIBUSB_ERROR_NO_MEM", "insufficient memory"),
    NOT_SUPPORTED(-12, "LIBUSB_ERROR_NOT_SUPPORTED", "operation not supported or unimplemented on this platform"),
    OTHER(-99, "LIBUSB_ERROR_OTHER", "other error");

    private final int code;
    private final String libusbName;
    private final String meaning;

    UsbError(int code, String libusbName, String meaning) {
        this.code = code;
        this.libusbName = libusbName;
        this.meaning = meaning;
    }

    /** The error for a negative libusb return code; codes libusb does not define are OTHER. */
    static UsbError of(int code) {
        for (UsbError error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        return OTHER;
    }

    int code() {
        return code;
    }

    /** "LIBUSB_ERROR_ACCESS: access denied (insufficient permissions)". */
    @Override
    public String toString() {
        return libusbName + ": " + meaning;
    }
}
