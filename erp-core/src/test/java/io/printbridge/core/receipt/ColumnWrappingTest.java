package io.printbridge.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.core.escpos.EscPosDecoder;
import io.printbridge.core.invoice.Invoice;
import io.printbridge.core.invoice.InvoiceLine;
import io.printbridge.core.invoice.Language;
import io.printbridge.core.layout.PaperProfile;
import io.printbridge.core.printer.PrinterProfile;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invoice lines on a 32-column roll: description, amount, and quantity × price below. */
class ColumnWrappingTest {

    private static final String LONG = "Gâteau d'anniversaire trois étages chocolat noisette et framboise";

    private static List<String> print(Invoice invoice, PaperProfile paper) {
        byte[] job = new ReceiptRenderer()
                .render(invoice, PrinterProfile.epson(paper), RenderOptions.defaults())
                .escPos();
        return new EscPosDecoder(EscPosDecoder.EPSON_TABLES).decode(job).texts();
    }

    private static Invoice withFirstLine(InvoiceLine line) {
        Invoice base = TestInvoices.sale(Language.FR, 3);
        List<InvoiceLine> lines = new java.util.ArrayList<>(base.lines());
        lines.set(0, line);
        return new Invoice(
                base.number(),
                base.issuedAt(),
                base.language(),
                base.currency(),
                base.seller(),
                base.customer(),
                base.cashier(),
                lines,
                base.totals(),
                base.payments(),
                base.change(),
                base.qr(),
                base.footer());
    }

    @Test
    void a_long_description_wraps_within_the_description_column_beside_its_amount() {
        Invoice invoice = withFirstLine(new InvoiceLine(
                LONG,
                new BigDecimal("2"),
                new BigDecimal("12500.00"),
                new BigDecimal("19"),
                new BigDecimal("25000.00")));

        List<String> texts = print(invoice, PaperProfile.MM_58);

        int first = texts.indexOf("Gâteau d'anniversaire  25 000,00");
        assertThat(first).as(String.join("\n", texts)).isPositive();
        assertThat(texts.subList(first + 1, first + 4))
                .containsExactly("trois étages chocolat", "noisette et framboise", "  2 × 12 500,00");
    }

    @Test
    void amounts_end_at_the_right_edge_of_a_32_column_line() {
        List<String> texts = print(TestInvoices.shared("fr-cash-58mm.json"), PaperProfile.MM_58);

        assertThat(texts)
                .contains(
                        "Millefeuille            1 000,00",
                        "Croissant au beurre       360,00",
                        "Total TTC            4 158,57 DA");
    }

    @Test
    void a_description_is_never_printed_over_the_amount_column() {
        Invoice invoice = withFirstLine(new InvoiceLine(
                "Mille-feuilles vanille bourbon de Madagascar x",
                new BigDecimal("1"),
                new BigDecimal("1234567.89"),
                new BigDecimal("19"),
                new BigDecimal("1234567.89")));

        List<String> texts = print(invoice, PaperProfile.MM_58);

        int first = texts.indexOf(texts.stream()
                .filter(t -> t.startsWith("Mille-feuilles"))
                .findFirst()
                .orElseThrow());
        // amount column is 12 wide ("1 234 567,89"), description column 32 - 12 - 1 = 19
        assertThat(texts.get(first)).isEqualTo("Mille-feuilles      1 234 567,89");
        assertThat(texts.subList(first + 1, first + 3))
                .allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(19));
    }

    @Test
    void numbers_are_never_cut_across_lines() {
        Invoice invoice = TestInvoices.shared("fr-150-lines.json");

        for (PaperProfile paper : List.of(PaperProfile.MM_58, PaperProfile.MM_80)) {
            List<String> texts = print(invoice, paper);
            for (InvoiceLine line : invoice.lines()) {
                String amount = AmountFormat.money(line.amount()).replace('\u00A0', ' ');
                assertThat(texts).as(paper.name()).anySatisfy(t -> assertThat(t).endsWith(" " + amount));
            }
        }
    }

    @Test
    void at_48_columns_quantity_and_price_share_the_line_with_the_description() {
        List<String> texts = print(TestInvoices.shared("fr-cash-58mm.json"), PaperProfile.MM_80);

        assertThat(texts)
                .contains(
                        "Désignation                 Qté × P.U.   Montant",
                        "Tarte aux fraises         1 × 1 800,00  1 800,00");
    }
}
