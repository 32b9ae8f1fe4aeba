package io.printbridge.core.bench;

import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.Language;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.PrinterProfile;
import io.printbridge.core.receipt.ReceiptRenderer;
import io.printbridge.core.receipt.RenderOptions;
import io.printbridge.core.receipt.TestInvoices;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Invoice to ESC/POS bytes, whole pipeline (compose, typeset, encode), for a 50-line cash sale
 * with customer, QR code and footer. Targets on one core: French ≤ 100 µs, Arabic ≤ 300 µs.
 *
 * <p>{@code mvn -pl erp-core test-compile exec:exec -Pbench -Dbench.args="ReceiptEncodingBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Djava.awt.headless=true")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ReceiptEncodingBenchmark {

    private final ReceiptRenderer renderer = new ReceiptRenderer();
    private final PrinterProfile printer = PrinterProfile.epson(PaperProfile.MM_80);
    private final RenderOptions options = RenderOptions.defaults().withOpenDrawer(true);
    private final Invoice french = TestInvoices.sale(Language.FR, 50);
    private final Invoice arabic = TestInvoices.sale(Language.AR, 50);

    @Benchmark
    public byte[] french50Lines() {
        return renderer.render(french, printer, options).escPos();
    }

    @Benchmark
    public byte[] arabic50Lines() {
        return renderer.render(arabic, printer, options).escPos();
    }
}
