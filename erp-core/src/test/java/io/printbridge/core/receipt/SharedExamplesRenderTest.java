package io.printbridge.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.escpos.EscPosDecoder;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.PrinterProfile;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shared example prints within the paper on 58 and 80 mm, on each kind of printer. */
class SharedExamplesRenderTest {

    static Stream<Arguments> examplesOnPrinters() {
        return TestInvoices.sharedExamples().stream()
                .flatMap(example -> Stream.of(PaperProfile.MM_58, PaperProfile.MM_80)
                        .flatMap(paper -> Stream.of(
                                Arguments.of(
                                        example.getFileName().toString(),
                                        example,
                                        PrinterProfile.epson(paper),
                                        EscPosDecoder.EPSON_TABLES),
                                Arguments.of(
                                        example.getFileName().toString(),
                                        example,
                                        PrinterProfile.zjiang(paper),
                                        EscPosDecoder.ZJIANG_TABLES),
                                Arguments.of(
                                        example.getFileName().toString(),
                                        example,
                                        PrinterProfile.withoutArabic(paper),
                                        EscPosDecoder.EPSON_TABLES))));
    }

    @ParameterizedTest(name = "{0} on {2}")
    @MethodSource("examplesOnPrinters")
    void no_printed_line_is_wider_than_the_paper(
            String name, Path example, PrinterProfile printer, Map<Integer, Charset> tables) {
        byte[] job = new ReceiptRenderer()
                .render(TestInvoices.parse(example), printer, RenderOptions.defaults())
                .escPos();

        EscPosDecoder.Decoded decoded = new EscPosDecoder(tables).decode(job);

        int columns = printer.paper().columns();
        assertThat(decoded.lines())
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line.printedWidth())
                        .as("\"%s\"", line.text())
                        .isLessThanOrEqualTo(columns));
        assertThat(decoded.rasters())
                .allSatisfy(raster -> assertThat(raster.widthBytes() * 8)
                        .isLessThanOrEqualTo(printer.paper().dotWidth()));
        assertThat(String.join("", decoded.texts())).doesNotContain("?").doesNotContain("\uFFFD");
    }
}
