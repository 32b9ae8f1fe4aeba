package io.printbridge.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.escpos.EscPosDecoder;
import io.printbridge.core.escpos.EscPosDecoder.Decoded;
import io.printbridge.core.escpos.EscPosDecoder.Event;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.PrinterProfile;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The brief's printer-level checks, read back through the test's own ESC/POS decoder. */
class ReceiptEscPosTest {

    private final ReceiptRenderer renderer = new ReceiptRenderer();

    private Decoded print(
            Invoice invoice, PrinterProfile printer, RenderOptions options, Map<Integer, Charset> tables) {
        return new EscPosDecoder(tables)
                .decode(renderer.render(invoice, printer, options).escPos());
    }

    private Decoded printOnEpson(String example, PaperProfile paper) {
        return print(
                TestInvoices.shared(example),
                PrinterProfile.epson(paper),
                RenderOptions.defaults(),
                EscPosDecoder.EPSON_TABLES);
    }

    @Test
    void french_invoice_selects_pc858_as_table_19_before_its_accented_text() {
        Decoded decoded = printOnEpson("fr-cash-58mm.json", PaperProfile.MM_58);

        int select = decoded.events()
                .indexOf(decoded.events().stream()
                        .filter(e -> e.command().equals("ESC t"))
                        .findFirst()
                        .orElseThrow());
        int firstAccent = decoded.events()
                .indexOf(decoded.events().stream()
                        .filter(e -> e.text().contains("é"))
                        .findFirst()
                        .orElseThrow());
        assertThat(decoded.selectedTables()).containsOnly(19);
        assertThat(select).isLessThan(firstAccent);
        assertThat(decoded.texts())
                .contains("Fée Maison", "Espèces              5 000,00 DA", "Rendu                  841,43 DA");
    }

    @Test
    void french_invoice_prints_the_total_in_words() {
        Decoded decoded = printOnEpson("fr-cash-58mm.json", PaperProfile.MM_80);

        assertThat(String.join(" ", decoded.texts()))
                .contains(
                        "Arrêtée la présente facture à la somme de : quatre mille cent cinquante-huit dinars et cinquante-sept centimes.");
    }

    @Test
    void french_invoice_prints_stamp_duty_and_each_tax_rate() {
        Decoded decoded = printOnEpson("mixed-80mm-qr.json", PaperProfile.MM_80);

        assertThat(decoded.texts())
                .anySatisfy(t -> assertThat(t).startsWith("Droit de timbre").endsWith("38,96"));
        assertThat(decoded.texts())
                .anySatisfy(
                        t -> assertThat(t).startsWith("TVA 19 % sur 2 340,00").endsWith("444,60"));
        assertThat(decoded.texts())
                .anySatisfy(
                        t -> assertThat(t).startsWith("TVA 9 % sur 1 020,00").endsWith("91,80"));
    }

    @Test
    void arabic_invoice_selects_pc864_as_table_37_on_an_epson_printer() {
        Decoded decoded = printOnEpson("ar-card.json", PaperProfile.MM_58);

        assertThat(decoded.selectedTables()).contains(37);
        assertThat(decoded.lines())
                .filteredOn(line -> line.table() == 37)
                .anySatisfy(line -> assertThat(line.text()).contains("ﺓﻳﻛﻧﺑ ﺓﻗﺎﻁﺑ")); // بطاقة بنكية, visual order
    }

    @Test
    void arabic_invoice_selects_pc864_as_table_63_on_a_zjiang_printer() {
        Decoded decoded = print(
                TestInvoices.shared("ar-card.json"),
                PrinterProfile.zjiang(PaperProfile.MM_58),
                RenderOptions.defaults(),
                EscPosDecoder.ZJIANG_TABLES);

        assertThat(decoded.selectedTables()).contains(63).doesNotContain(37);
    }

    @Test
    void arabic_lines_print_as_rasters_when_the_printer_has_no_arabic_code_page() {
        PrinterProfile latinOnly = PrinterProfile.withoutArabic(PaperProfile.MM_58);
        Decoded withArabic = printOnEpson("ar-card.json", PaperProfile.MM_58);
        Decoded decoded = print(
                TestInvoices.shared("ar-card.json"), latinOnly, RenderOptions.defaults(), EscPosDecoder.EPSON_TABLES);

        assertThat(decoded.selectedTables()).containsOnly(2);
        assertThat(decoded.rasters()).hasSizeGreaterThanOrEqualTo((int)
                withArabic.lines().stream().filter(l -> l.table() == 37).count());
        assertThat(decoded.rasters()).allSatisfy(r -> assertThat(r.widthBytes()).isEqualTo(384 / 8));
        assertThat(String.join("", decoded.texts())).doesNotContainPattern("[\u0600-\u06FF\uFB50-\uFEFF]");
        assertThat(decoded.texts()).contains("Fée Maison");
    }

    @Test
    void qr_data_length_is_the_utf8_byte_count_plus_three() {
        String url = "https://erp.feemaison.dz/f/Délices-حلوى";
        Invoice base = TestInvoices.shared("mixed-80mm-qr.json");
        Invoice invoice = new Invoice(
                base.number(),
                base.issuedAt(),
                base.language(),
                base.currency(),
                base.seller(),
                base.customer(),
                base.cashier(),
                base.lines(),
                base.totals(),
                base.payments(),
                base.change(),
                url,
                base.footer());

        Decoded decoded = print(
                invoice,
                PrinterProfile.epson(PaperProfile.MM_80),
                RenderOptions.defaults(),
                EscPosDecoder.EPSON_TABLES);

        Event store = decoded.events().stream()
                .filter(e -> e.command().equals("GS ( k") && e.args()[1] == 80)
                .findFirst()
                .orElseThrow();
        int length = store.args()[2] + 256 * store.args()[3];
        byte[] utf8 = url.getBytes(StandardCharsets.UTF_8);
        assertThat(length).isEqualTo(utf8.length + 3).isNotEqualTo(url.length() + 3);
        assertThat(store.data()).startsWith(48).endsWith(utf8);
        assertThat(decoded.commands().indexOf("GS ( k"))
                .isGreaterThan(decoded.commands().lastIndexOf("ESC a"));
    }

    @Test
    void qr_is_printed_as_a_raster_when_the_printer_has_no_native_qr() {
        PrinterProfile noQr = new PrinterProfile(
                "no QR", PaperProfile.MM_58, io.printbridge.core.printer.CodePage.PC850, null, Map.of(), false, false);

        Decoded decoded = print(
                TestInvoices.shared("mixed-80mm-qr.json"), noQr, RenderOptions.defaults(), EscPosDecoder.EPSON_TABLES);

        assertThat(decoded.commands()).doesNotContain("GS ( k");
        assertThat(decoded.rasters()).anySatisfy(r -> assertThat(r.height()).isGreaterThan(100));
    }

    @Test
    void the_cut_is_the_last_command() {
        Decoded decoded = printOnEpson("fr-150-lines.json", PaperProfile.MM_58);

        assertThat(decoded.commands()).last().isEqualTo("GS V");
        assertThat(decoded.commands()).containsOnlyOnce("GS V");
    }

    @Test
    void the_drawer_opens_only_when_the_options_ask() {
        Invoice cashSale = TestInvoices.shared("fr-cash-58mm.json");
        PrinterProfile epson = PrinterProfile.epson(PaperProfile.MM_58);

        Decoded closed = print(cashSale, epson, RenderOptions.defaults(), EscPosDecoder.EPSON_TABLES);
        Decoded opened =
                print(cashSale, epson, RenderOptions.defaults().withOpenDrawer(true), EscPosDecoder.EPSON_TABLES);

        assertThat(closed.commands()).doesNotContain("ESC p");
        assertThat(opened.commands()).containsOnlyOnce("ESC p").endsWith("ESC p", "GS V");
    }

    @Test
    void a_logo_prints_as_a_raster_above_the_shop_name() {
        java.awt.image.BufferedImage logo =
                new java.awt.image.BufferedImage(200, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
        RenderOptions options = RenderOptions.defaults().withLogo(logo);

        Decoded decoded = print(
                TestInvoices.shared("fr-cash-58mm.json"),
                PrinterProfile.epson(PaperProfile.MM_58),
                options,
                EscPosDecoder.EPSON_TABLES);

        assertThat(decoded.commands().indexOf("GS v 0"))
                .isLessThan(decoded.commands().indexOf("text"));
        assertThat(decoded.rasters().get(0).height()).isEqualTo(60);
    }

    @Test
    void mixed_french_and_arabic_line_keeps_each_script_in_reading_order() {
        Decoded decoded = printOnEpson("mixed-80mm-qr.json", PaperProfile.MM_80);

        // "Baklawa (بقلاوة)": Latin left to right, then the Arabic word reversed for printing.
        assertThat(decoded.lines())
                .filteredOn(l -> l.table() == 37)
                .anySatisfy(l -> assertThat(l.text()).startsWith("Baklawa (ﺓﻭﻼﻗﺑ)"));
    }

    @Test
    void every_example_names_its_seller_and_number_on_every_printer() {
        for (var example : TestInvoices.sharedExamples()) {
            Invoice invoice = TestInvoices.parse(example);
            for (PrinterProfile printer : List.of(
                    PrinterProfile.epson(PaperProfile.MM_80), PrinterProfile.withoutArabic(PaperProfile.MM_80))) {
                Decoded decoded = print(invoice, printer, RenderOptions.defaults(), EscPosDecoder.EPSON_TABLES);
                assertThat(decoded.texts())
                        .as(example + " on " + printer.name())
                        .contains(invoice.seller().name());
            }
        }
    }
}
