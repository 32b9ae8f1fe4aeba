package io.printbridge.core.invoice;

import static io.printbridge.core.invoice.InvoiceDocuments.firstLine;
import static io.printbridge.core.invoice.InvoiceDocuments.frCash;
import static io.printbridge.core.invoice.InvoiceDocuments.oneLine;
import static io.printbridge.core.invoice.InvoiceDocuments.parse;
import static io.printbridge.core.invoice.InvoiceDocuments.refusal;
import static io.printbridge.core.invoice.InvoiceDocuments.totals;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rules that tie fields together: line amounts, net, taxes, total, change. */
class InvoiceArithmeticTest {

    private static List<Violation> violations(ObjectNode document) {
        return refusal(document).violations();
    }

    private static ObjectNode taxes(ObjectNode document, int index) {
        return (ObjectNode) document.get("totals").get("taxes").get(index);
    }

    @Test
    void lineAmountThatIsNotQuantityTimesPriceIsRefused() {
        ObjectNode document = oneLine("4", "250.00", "0", "999.00");
        totals(document, "999.00", "0", "999.00", "0.00", "0.00", "999.00");

        assertThat(violations(document))
                .containsExactly(new Violation(
                        "lines[0].amount", "\"999.00\" (expected: \"1000.00\" = 4 × 250.00 rounded half-up to 0.01)"));
    }

    @Test
    void lineAmountRoundsHalfUp() {
        // 0.5 × 0.05 = 0.025: half-up gives 0.03 where half-even would give 0.02.
        ObjectNode document = oneLine("0.5", "0.05", "0", "0.03");
        totals(document, "0.03", "0", "0.03", "0.00", "0.00", "0.03");

        assertThat(parse(document).lines().get(0).amount()).isEqualTo(new BigDecimal("0.03"));
    }

    @Test
    void lineAmountRoundedHalfEvenIsRefused() {
        ObjectNode document = oneLine("0.5", "0.05", "0", "0.02");
        totals(document, "0.02", "0", "0.02", "0.00", "0.00", "0.02");

        assertThat(violations(document)).extracting(Violation::path).containsExactly("lines[0].amount");
    }

    @Test
    void quantityWithGramsIsMultipliedExactly() {
        ObjectNode document = oneLine("1.250", "1800.00", "9", "2250.00");
        totals(document, "2250.00", "9", "2250.00", "202.50", "0.00", "2452.50");

        assertThat(parse(document).totals().total()).isEqualTo(new BigDecimal("2452.50"));
    }

    @Test
    void netThatIsNotTheSumOfLinesIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("totals")).put("net", "3400.00");

        assertThat(violations(document))
                .contains(new Violation(
                        "totals.net", "\"3400.00\" (expected: \"3460.00\", the sum of the line amounts)"));
    }

    @Test
    void taxBaseThatIsNotTheSumOfLinesAtThatRateIsRefused() {
        ObjectNode document = frCash();
        taxes(document, 0).put("base", "3000.00");

        assertThat(violations(document))
                .contains(new Violation(
                        "totals.taxes[0].base",
                        "\"3000.00\" (expected: \"3460.00\", the sum of the line amounts at 19%)"));
    }

    @Test
    void taxAmountThatIsNotBaseTimesRateIsRefused() {
        ObjectNode document = frCash();
        taxes(document, 0).put("amount", "657.00");

        assertThat(violations(document))
                .containsExactly(
                        new Violation(
                                "totals.taxes[0].amount",
                                "\"657.00\" (expected: \"657.40\" = 3460.00 × 19% rounded half-up to 0.01)"),
                        new Violation(
                                "totals.total",
                                "\"4158.57\" (expected: \"4158.17\" = net 3460.00 + taxes 657.00 + stamp 41.17)"));
    }

    @Test
    void taxAmountRoundsHalfUp() {
        // 0.50 × 9 % = 0.045 → 0.05.
        ObjectNode document = oneLine("1", "0.50", "9", "0.50");
        totals(document, "0.50", "9", "0.50", "0.05", "0.00", "0.55");

        assertThat(parse(document).totals().taxes().get(0).amount()).isEqualTo(new BigDecimal("0.05"));
    }

    @Test
    void rateWrittenWithDecimalsMatchesTheSameRateOnTheLines() {
        ObjectNode document = frCash();
        taxes(document, 0).put("rate", "19.00");

        assertThat(parse(document).totals().taxes().get(0).rate()).isEqualTo(new BigDecimal("19.00"));
    }

    @Test
    void taxRateUsedByNoLineIsRefused() {
        ObjectNode document = frCash();
        ((ArrayNode) document.get("totals").get("taxes"))
                .addObject()
                .put("rate", "9")
                .put("base", "0.00")
                .put("amount", "0.00");

        assertThat(violations(document))
                .containsExactly(
                        new Violation("totals.taxes[1].rate", "\"9\" (expected: a rate used by the lines: 19)"));
    }

    @Test
    void rateUsedByLinesWithoutTaxEntryIsRefused() {
        ObjectNode document = InvoiceDocuments.example("mixed-80mm-qr.json");
        ((ArrayNode) document.get("totals").get("taxes")).remove(1);

        assertThat(violations(document))
                .contains(new Violation(
                        "totals.taxes", "no entry for rate 9 (expected: one entry per rate used by the lines: 19, 9)"));
    }

    @Test
    void zeroRateLinesNeedAZeroRateEntryToo() {
        ObjectNode document = oneLine("1", "100.00", "0", "100.00");
        ObjectNode totals = document.putObject("totals").put("net", "100.00");
        totals.putArray("taxes");
        totals.put("stamp", "0.00").put("total", "100.00");

        assertThat(violations(document)).extracting(Violation::path).containsExactly("totals.taxes");
    }

    @Test
    void sameRateTwiceIsRefused() {
        ObjectNode document = frCash();
        ((ArrayNode) document.get("totals").get("taxes")).add(taxes(document, 0).deepCopy());

        assertThat(violations(document))
                .contains(new Violation(
                        "totals.taxes[1].rate",
                        "\"19\" (expected: each rate once; this one appears earlier in the list)"));
    }

    @Test
    void changeThatIsNotPaymentsMinusTotalIsRefused() {
        ObjectNode document = frCash();
        document.put("change", "841.00");

        assertThat(violations(document))
                .containsExactly(new Violation(
                        "change", "\"841.00\" (expected: \"841.43\" = payments 5000.00 − total 4158.57)"));
    }

    @Test
    void changeWhenPaymentsDoNotCoverTheTotalIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("payments").get(0)).put("amount", "4000.00");
        document.put("change", "0.00");

        assertThat(violations(document))
                .containsExactly(new Violation(
                        "change",
                        "\"0.00\" (expected: no change, since the payments 4000.00 do not cover the total 4158.57)"));
    }

    @Test
    void changeAddsUpOverSeveralPayments() {
        ObjectNode document = frCash();
        ArrayNode payments = document.putArray("payments");
        payments.addObject().put("method", "card").put("amount", "3000.00");
        payments.addObject().put("method", "cash").put("amount", "2000.00");

        assertThat(parse(document).change()).isEqualTo(new BigDecimal("841.43"));
    }

    @Test
    void partialPaymentWithoutChangeIsAccepted() {
        ObjectNode document = frCash();
        document.remove("change");
        ((ObjectNode) document.get("payments").get(0)).put("amount", "1000.00");

        assertThat(parse(document).payments()).hasSize(1);
    }

    @Test
    void wrongTotalIsReportedOnceNotAgainOnChange() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("totals")).put("total", "4000.00");

        assertThat(violations(document)).extracting(Violation::path).containsExactly("totals.total");
    }

    @Test
    void wrongLineAmountCarriedThroughTheSumsIsReportedOnlyOnTheLine() {
        // The ERP multiplied wrongly but added up its own figures consistently.
        ObjectNode document = frCash();
        firstLine(document).put("amount", "1001.00");
        ObjectNode totals = (ObjectNode) document.get("totals");
        totals.put("net", "3461.00").put("total", "4159.76");
        taxes(document, 0).put("base", "3461.00").put("amount", "657.59");
        document.put("change", "840.24");

        assertThat(violations(document)).extracting(Violation::path).containsExactly("lines[0].amount");
    }

    @Test
    void amountsAreComparedByValueNotByScale() {
        ObjectNode document = frCash();
        firstLine(document).put("amount", "1000");
        ((ObjectNode) document.get("totals")).put("net", "3460");

        assertThat(parse(document).totals().net()).isEqualTo(new BigDecimal("3460"));
    }
}
