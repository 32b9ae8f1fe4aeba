package io.printbridge.agent.printer.usb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.usb.UsbEndpoints.EndpointInfo;
import io.printbridge.agent.printer.usb.UsbEndpoints.InterfaceInfo;
import io.printbridge.agent.printer.usb.UsbPrinterException.Reason;
import java.util.List;
import org.junit.jupiter.api.Test;

class UsbEndpointsTest {

    private static final UsbDeviceId ID = new UsbDeviceId(0x0471, 0x0055);
    private static final int BULK = 0x02;
    private static final int INTERRUPT = 0x03;

    @Test
    void printerInterfaceGivesItsBulkOutAndInEndpoints() throws Exception {
        UsbEndpoints endpoints = UsbEndpoints.find(
                ID,
                List.of(new InterfaceInfo(
                        0, 0, 7, List.of(new EndpointInfo(0x81, BULK), new EndpointInfo(0x02, BULK)))));

        assertThat(endpoints).isEqualTo(new UsbEndpoints(0, 0, 0x02, 0x81));
    }

    @Test
    void printerClassInterfaceIsPreferredOverAVendorSpecificOne() throws Exception {
        UsbEndpoints endpoints = UsbEndpoints.find(
                ID,
                List.of(
                        new InterfaceInfo(
                                0, 0, 0xFF, List.of(new EndpointInfo(0x01, BULK), new EndpointInfo(0x82, BULK))),
                        new InterfaceInfo(
                                1, 0, 7, List.of(new EndpointInfo(0x03, BULK), new EndpointInfo(0x84, BULK)))));

        assertThat(endpoints.interfaceNumber()).isEqualTo(1);
        assertThat(endpoints.outAddress()).isEqualTo(0x03);
    }

    @Test
    void vendorSpecificInterfaceWithBulkOutIsUsedByCheapClones() throws Exception {
        UsbEndpoints endpoints = UsbEndpoints.find(
                ID,
                List.of(new InterfaceInfo(
                        0, 0, 0xFF, List.of(new EndpointInfo(0x82, BULK), new EndpointInfo(0x01, BULK)))));

        assertThat(endpoints).isEqualTo(new UsbEndpoints(0, 0, 0x01, 0x82));
    }

    @Test
    void alternateSettingThatCanAnswerStatusIsPreferred() throws Exception {
        // USB printer class: protocol 1 (unidirectional) in setting 0, protocol 2 (bidirectional) in setting 1.
        UsbEndpoints endpoints = UsbEndpoints.find(
                ID,
                List.of(
                        new InterfaceInfo(0, 0, 7, List.of(new EndpointInfo(0x01, BULK))),
                        new InterfaceInfo(
                                0, 1, 7, List.of(new EndpointInfo(0x01, BULK), new EndpointInfo(0x82, BULK)))));

        assertThat(endpoints).isEqualTo(new UsbEndpoints(0, 1, 0x01, 0x82));
    }

    @Test
    void interruptEndpointsAreNotTakenForBulk() throws Exception {
        UsbEndpoints endpoints = UsbEndpoints.find(
                ID,
                List.of(new InterfaceInfo(
                        0, 0, 7, List.of(new EndpointInfo(0x83, INTERRUPT), new EndpointInfo(0x01, BULK)))));

        assertThat(endpoints.hasIn()).isFalse();
        assertThat(endpoints.inAddress()).isEqualTo(UsbEndpoints.NONE);
    }

    @Test
    void deviceWithoutBulkOutIsNotAPrinterAndTheMessageSaysWhatWasFound() {
        List<InterfaceInfo> keyboard = List.of(new InterfaceInfo(0, 0, 3, List.of(new EndpointInfo(0x81, INTERRUPT))));

        assertThatThrownBy(() -> UsbEndpoints.find(ID, keyboard))
                .isInstanceOfSatisfying(
                        UsbPrinterException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_PRINTER))
                .hasMessage("USB device 0471:0055 has no bulk OUT endpoint, so it cannot take print data"
                        + " (found: interface 0.0 class 3 endpoints [0x81]); is this the printer's vendor:product id?");
    }
}
