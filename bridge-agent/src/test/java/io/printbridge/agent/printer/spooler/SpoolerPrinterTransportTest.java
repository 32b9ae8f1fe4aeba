package io.printbridge.agent.printer.spooler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.agent.printer.EscPosPrinter;
import io.printbridge.agent.printer.PrinterSettings;
import io.printbridge.agent.printer.PrinterStatus.State;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.print.Doc;
import javax.print.DocFlavor;
import javax.print.DocPrintJob;
import javax.print.PrintService;
import javax.print.ServiceUIFactory;
import javax.print.attribute.Attribute;
import javax.print.attribute.AttributeSet;
import javax.print.attribute.PrintJobAttributeSet;
import javax.print.attribute.PrintRequestAttributeSet;
import javax.print.attribute.PrintServiceAttribute;
import javax.print.attribute.PrintServiceAttributeSet;
import javax.print.event.PrintJobAttributeListener;
import javax.print.event.PrintJobListener;
import javax.print.event.PrintServiceAttributeListener;
import org.junit.jupiter.api.Test;

/**
 * Queue lookup and raw jobs against hand-written queues (this machine's CUPS, if any, has no
 * receipt printer), and the real lookup for the one thing it can show here: the not-found message.
 */
class SpoolerPrinterTransportTest {

    private final Queue receipt = new Queue("EPSON TM-T20II Receipt");
    private final Queue pdf = new Queue("Microsoft Print to PDF");

    @Test
    void unknownQueueNamesEveryInstalledPrinter() {
        SpoolerPrinterTransport transport =
                new SpoolerPrinterTransport("Caisse", () -> new PrintService[] {receipt, pdf});

        assertThatThrownBy(() -> transport.write(new byte[] {'x'}))
                .isInstanceOf(IOException.class)
                .hasMessage("spooler queue \"Caisse\" not found (expected one of the installed printers:"
                        + " \"EPSON TM-T20II Receipt\", \"Microsoft Print to PDF\")");
    }

    @Test
    void unknownQueueOnThisMachineSaysWhatIsInstalled() {
        SpoolerPrinterTransport transport = new SpoolerPrinterTransport("no such printer queue");

        assertThatThrownBy(() -> transport.write(new byte[] {'x'}))
                .hasMessageStartingWith(
                        "spooler queue \"no such printer queue\" not found (expected one of the installed printers: ");
    }

    @Test
    void bytesGoOutAsOneRawJobUntouched() throws Exception {
        SpoolerPrinterTransport transport =
                new SpoolerPrinterTransport("EPSON TM-T20II Receipt", () -> new PrintService[] {pdf, receipt});
        byte[] data = {0x1B, '@', 'B', 'o', 'n', 'j', 'o', 'u', 'r', '\n', 0x1D, 'V', 'B', 0};

        transport.write(data);

        assertThat(receipt.jobs).hasSize(1);
        assertThat(receipt.jobs.get(0).getDocFlavor()).isEqualTo(DocFlavor.BYTE_ARRAY.AUTOSENSE);
        assertThat(receipt.jobs.get(0).getPrintData()).isEqualTo(data);
        assertThat(pdf.jobs).isEmpty();
    }

    @Test
    void queueNameMatchesWithoutRegardToCaseLikeWindows() throws Exception {
        SpoolerPrinterTransport transport =
                new SpoolerPrinterTransport("epson tm-t20ii receipt", () -> new PrintService[] {receipt});

        transport.write(new byte[] {'x'});

        assertThat(receipt.jobs).hasSize(1);
    }

    @Test
    void statusCannotBeReadAndTheDescriptionSaysSo() throws Exception {
        SpoolerPrinterTransport transport = new SpoolerPrinterTransport("Caisse", () -> new PrintService[0]);

        assertThat(transport.canReadStatus()).isFalse();
        assertThat(transport.read(Duration.ofSeconds(10))).isEqualTo(-1);
        assertThat(transport.describe())
                .isEqualTo("spooler queue \"Caisse\" (status cannot be read through the spooler)");
    }

    @Test
    void printerStatusThroughTheSpoolerIsUnknownWithoutAsking() {
        EscPosPrinter printer = new EscPosPrinter(
                PrinterSettings.receipt("receipt", true),
                new SpoolerPrinterTransport("Caisse", () -> new PrintService[] {receipt}),
                Clock.systemUTC());

        assertThat(printer.status().state()).isEqualTo(State.UNKNOWN);
        assertThat(receipt.jobs).isEmpty();
    }

    /** A print queue that keeps the documents it is given. */
    private static final class Queue implements PrintService {
        final List<Doc> jobs = new ArrayList<>();
        private final String name;

        Queue(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public DocPrintJob createPrintJob() {
            Queue queue = this;
            return new DocPrintJob() {
                @Override
                public PrintService getPrintService() {
                    return queue;
                }

                @Override
                public PrintJobAttributeSet getAttributes() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public void addPrintJobListener(PrintJobListener listener) {}

                @Override
                public void removePrintJobListener(PrintJobListener listener) {}

                @Override
                public void addPrintJobAttributeListener(
                        PrintJobAttributeListener listener, PrintJobAttributeSet attributes) {}

                @Override
                public void removePrintJobAttributeListener(PrintJobAttributeListener listener) {}

                @Override
                public void print(Doc doc, PrintRequestAttributeSet attributes) {
                    jobs.add(doc);
                }
            };
        }

        @Override
        public boolean isDocFlavorSupported(DocFlavor flavor) {
            return DocFlavor.BYTE_ARRAY.AUTOSENSE.equals(flavor);
        }

        @Override
        public DocFlavor[] getSupportedDocFlavors() {
            return new DocFlavor[] {DocFlavor.BYTE_ARRAY.AUTOSENSE};
        }

        @Override
        public void addPrintServiceAttributeListener(PrintServiceAttributeListener listener) {}

        @Override
        public void removePrintServiceAttributeListener(PrintServiceAttributeListener listener) {}

        @Override
        public PrintServiceAttributeSet getAttributes() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T extends PrintServiceAttribute> T getAttribute(Class<T> category) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Class<?>[] getSupportedAttributeCategories() {
            return new Class<?>[0];
        }

        @Override
        public boolean isAttributeCategorySupported(Class<? extends Attribute> category) {
            return false;
        }

        @Override
        public Object getDefaultAttributeValue(Class<? extends Attribute> category) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getSupportedAttributeValues(
                Class<? extends Attribute> category, DocFlavor flavor, AttributeSet attributes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isAttributeValueSupported(Attribute attrval, DocFlavor flavor, AttributeSet attributes) {
            return true;
        }

        @Override
        public AttributeSet getUnsupportedAttributes(DocFlavor flavor, AttributeSet attributes) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ServiceUIFactory getServiceUIFactory() {
            throw new UnsupportedOperationException();
        }
    }
}
