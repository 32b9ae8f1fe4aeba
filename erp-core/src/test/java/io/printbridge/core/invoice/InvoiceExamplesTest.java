package io.printbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InvoiceExamplesTest {
    private final InvoiceParser parser = new InvoiceParser();

    static List<String> examples() {
        return InvoiceDocuments.jsonFiles(InvoiceDocuments.dir());
    }

    @Test
    void theContractShipsTheFourExamples() {
        assertThat(examples())
                .containsExactlyInAnyOrder(
                        "ar-card.json", "fr-150-lines.json", "fr-cash-58mm.json", "mixed-80mm-qr.json");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParses(String name) throws Exception {
        byte[] json = InvoiceDocuments.bytes(InvoiceDocuments.dir().resolve(name));

        Invoice invoice = parser.parse(json);

        String number = InvoiceDocuments.JSON.readTree(json).get("number").textValue();
        assertThat(invoice.number()).isEqualTo(number);
    }

    @Test
    void frenchCashExampleKeepsEveryField() {
        Invoice invoice = parser.parse(InvoiceDocuments.frCash());

        assertThat(invoice.number()).isEqualTo("FA-2026-004512");
        assertThat(invoice.issuedAt()).isEqualTo(OffsetDateTime.parse("2026-11-24T10:42:00+01:00"));
        assertThat(invoice.language()).isEqualTo(Language.FR);
        assertThat(invoice.currency()).isEqualTo(Currency.getInstance("DZD"));
        assertThat(invoice.seller().name()).isEqualTo("Fée Maison");
        assertThat(invoice.seller().address()).containsExactly("12 rue Didouche Mourad", "16000 Alger-Centre");
        assertThat(invoice.seller().phone()).isEqualTo("+213 21 63 00 00");
        assertThat(invoice.seller().ids().keySet()).containsExactly("RC", "NIF", "AI", "NIS");
        assertThat(invoice.seller().ids()).containsEntry("NIF", "002116123456789");
        assertThat(invoice.customer()).isNull();
        assertThat(invoice.cashier()).isEqualTo("Amina");
        assertThat(invoice.lines()).hasSize(4);
        assertThat(invoice.lines().get(0))
                .isEqualTo(new InvoiceLine(
                        "Millefeuille",
                        new BigDecimal("4"),
                        new BigDecimal("250.00"),
                        new BigDecimal("19"),
                        new BigDecimal("1000.00")));
        assertThat(invoice.totals())
                .isEqualTo(new Totals(
                        new BigDecimal("3460.00"),
                        List.of(new TaxLine(new BigDecimal("19"), new BigDecimal("3460.00"), new BigDecimal("657.40"))),
                        new BigDecimal("41.17"),
                        new BigDecimal("4158.57")));
        assertThat(invoice.payments()).containsExactly(new Payment(PaymentMethod.CASH, new BigDecimal("5000.00")));
        assertThat(invoice.change()).isEqualTo(new BigDecimal("841.43"));
        assertThat(invoice.qr()).isNull();
        assertThat(invoice.footer()).containsExactly("Merci de votre visite !");
    }

    @Test
    void arabicCardExampleIsRightToLeftWithoutChange() {
        Invoice invoice = parser.parse(InvoiceDocuments.example("ar-card.json"));

        assertThat(invoice.language()).isEqualTo(Language.AR);
        assertThat(invoice.language().isRightToLeft()).isTrue();
        assertThat(invoice.lines().get(0).description()).isEqualTo("حلوى اللوز");
        assertThat(invoice.payments()).containsExactly(new Payment(PaymentMethod.CARD, new BigDecimal("1606.50")));
        assertThat(invoice.change()).isNull();
        assertThat(invoice.footer()).containsExactly("شكرا على زيارتكم");
    }

    @Test
    void mixedExampleHasCustomerQrAndTwoTaxRates() {
        Invoice invoice = parser.parse(InvoiceDocuments.example("mixed-80mm-qr.json"));

        assertThat(invoice.customer()).isNotNull();
        assertThat(invoice.customer().name()).isEqualTo("SARL Délices d'Hydra — مؤسسة");
        assertThat(invoice.customer().ids().keySet()).containsExactly("NIF", "RC");
        assertThat(invoice.qr()).isEqualTo("https://erp.feemaison.dz/f/FA-2026-004514");
        assertThat(invoice.totals().taxes())
                .extracting(TaxLine::rate)
                .containsExactly(new BigDecimal("19"), new BigDecimal("9"));
    }

    @Test
    void longExampleKeepsLineOrder() {
        Invoice invoice = parser.parse(InvoiceDocuments.example("fr-150-lines.json"));

        assertThat(invoice.lines()).hasSize(150);
        assertThat(invoice.lines().get(0).description()).isEqualTo("Opéra n°0");
        assertThat(invoice.lines().get(149).description()).isEqualTo("Mille-feuille n°149");
        assertThat(invoice.totals().total()).isEqualTo(new BigDecimal("810970.10"));
    }
}
