package io.printbridge.core.invoice;

import static io.printbridge.core.invoice.InvoiceDocuments.firstLine;
import static io.printbridge.core.invoice.InvoiceDocuments.frCash;
import static io.printbridge.core.invoice.InvoiceDocuments.parse;
import static io.printbridge.core.invoice.InvoiceDocuments.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rules about single fields: presence, type, format and range. */
class InvoiceFieldRulesTest {

    private static List<String> paths(ObjectNode document) {
        return refusal(document).violations().stream().map(Violation::path).toList();
    }

    private static String onlyMessage(ObjectNode document, String path) {
        InvoiceValidationException refusal = refusal(document);
        assertThat(refusal.violations()).extracting(Violation::path).containsExactly(path);
        return refusal.violations().get(0).message();
    }

    @Test
    void everyMissingRequiredFieldIsReported() {
        ObjectNode document = frCash();
        document.remove(List.of("number", "issuedAt", "language"));
        ((ObjectNode) document.get("seller")).remove("name");
        ((ObjectNode) document.get("totals")).remove("total");
        firstLine(document).remove("taxRate");

        assertThat(paths(document))
                .containsExactly("number", "issuedAt", "language", "seller.name", "lines[0].taxRate", "totals.total");
    }

    @Test
    void missingSellerIsReported() {
        ObjectNode document = frCash();
        document.remove("seller");

        assertThat(onlyMessage(document, "seller")).isEqualTo("missing (expected: an object)");
    }

    @Test
    void jsonNullCountsAsMissing() {
        ObjectNode document = frCash();
        document.putNull("number");

        assertThat(onlyMessage(document, "number")).isEqualTo("missing (expected: a non-blank string)");
    }

    @Test
    void blankNumberIsRefused() {
        ObjectNode document = frCash();
        document.put("number", "   ");

        assertThat(onlyMessage(document, "number")).isEqualTo("\"   \" (expected: a non-blank string)");
    }

    @Test
    void numberGivenAsJsonNumberIsRefused() {
        ObjectNode document = frCash();
        document.put("number", 4512);

        assertThat(onlyMessage(document, "number")).isEqualTo("4512 (expected: a string)");
    }

    @Test
    void issuedAtWithoutOffsetIsRefused() {
        ObjectNode document = frCash();
        document.put("issuedAt", "2026-11-24T10:42:00");

        assertThat(onlyMessage(document, "issuedAt"))
                .isEqualTo("\"2026-11-24T10:42:00\" (expected: an ISO-8601 "
                        + "date-time with offset such as \"2026-11-24T10:42:00+01:00\")");
    }

    @Test
    void issuedAtInUtcIsAccepted() {
        ObjectNode document = frCash();
        document.put("issuedAt", "2026-11-24T09:42:00Z");

        assertThat(parse(document).issuedAt().getOffset().getTotalSeconds()).isZero();
    }

    @Test
    void languageOtherThanFrenchOrArabicIsRefused() {
        ObjectNode document = frCash();
        document.put("language", "en");

        assertThat(onlyMessage(document, "language")).isEqualTo("\"en\" (expected: \"fr\" or \"ar\")");
    }

    @Test
    void knownButUnsupportedCurrencyIsRefusedAsUnsupported() {
        ObjectNode document = frCash();
        document.put("currency", "EUR");

        assertThat(onlyMessage(document, "currency")).isEqualTo("\"EUR\" (expected: a supported currency: DZD)");
    }

    @Test
    void currencyInLowerCaseIsRefused() {
        ObjectNode document = frCash();
        document.put("currency", "dzd");

        assertThat(paths(document)).containsExactly("currency");
    }

    @Test
    void moneyAsJsonNumberIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("amount", new BigDecimal("1000.00"));

        assertThat(onlyMessage(document, "lines[0].amount"))
                .isEqualTo("1000.00 (expected: a decimal number such as \"1234.50\" or \"0.00\" as a JSON string; "
                        + "JSON numbers are refused)");
    }

    @Test
    void quantityAsJsonIntegerIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("quantity", 4);

        assertThat(onlyMessage(document, "lines[0].quantity")).startsWith("4 (expected: a decimal number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e3", "+4", ".5", "4.", " 4", "4,5", "0x10", "NaN", "Infinity", ""})
    void quantityNotInPlainDecimalNotationIsRefused(String quantity) {
        ObjectNode document = frCash();
        firstLine(document).put("quantity", quantity);

        assertThat(onlyMessage(document, "lines[0].quantity")).contains("(expected: a decimal number such as");
    }

    @Test
    void decimalLongerThan32CharactersIsRefusedBeforeParsing() {
        ObjectNode document = frCash();
        firstLine(document).put("quantity", "0".repeat(40) + "4");

        assertThat(paths(document)).containsExactly("lines[0].quantity");
    }

    @Test
    void zeroQuantityIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("quantity", "0");

        assertThat(onlyMessage(document, "lines[0].quantity")).isEqualTo("\"0\" (expected: greater than 0)");
    }

    @Test
    void negativeUnitPriceIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("unitPrice", "-250.00");

        assertThat(onlyMessage(document, "lines[0].unitPrice")).isEqualTo("\"-250.00\" (expected: 0 or more)");
    }

    @Test
    void taxRateAboveOneHundredIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("taxRate", "119");

        assertThat(onlyMessage(document, "lines[0].taxRate")).isEqualTo("\"119\" (expected: at most 100)");
    }

    @Test
    void moneyWithThreeDecimalsIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("totals")).put("stamp", "41.170");

        assertThat(onlyMessage(document, "totals.stamp")).isEqualTo("\"41.170\" (expected: at most 2 decimal places)");
    }

    @Test
    void quantityWithFourDecimalsIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("quantity", "1.2505");

        assertThat(onlyMessage(document, "lines[0].quantity"))
                .isEqualTo("\"1.2505\" (expected: at most 3 decimal places)");
    }

    @Test
    void amountAboveTheLimitIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.withArray("payments").get(0)).put("amount", "1000000000.00");

        assertThat(onlyMessage(document, "payments[0].amount"))
                .isEqualTo("\"1000000000.00\" (expected: at most 999999999.99)");
    }

    @Test
    void unknownPaymentMethodIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.withArray("payments").get(0)).put("method", "bitcoin");

        assertThat(onlyMessage(document, "payments[0].method"))
                .isEqualTo("\"bitcoin\" (expected: one of cash, card, transfer, cheque)");
    }

    @Test
    void lineThatIsNotAnObjectIsRefused() {
        ObjectNode document = frCash();
        document.withArray("lines")
                .set(1, InvoiceDocuments.JSON.getNodeFactory().textNode("Tarte"));

        assertThat(onlyMessage(document, "lines[1]")).isEqualTo("\"Tarte\" (expected: an object)");
    }

    @Test
    void identifierValueThatIsNotAStringIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("seller").get("ids")).put("NIF", 2116123456789L);

        assertThat(onlyMessage(document, "seller.ids.NIF")).isEqualTo("2116123456789 (expected: a string)");
    }

    @Test
    void customerWithoutNameIsRefused() {
        ObjectNode document = frCash();
        document.putObject("customer").putObject("ids").put("NIF", "000016987654321");

        assertThat(paths(document)).containsExactly("customer.name");
    }

    @Test
    void unrelatedProblemsAreAllReportedTogether() {
        ObjectNode document = frCash();
        document.put("currency", "XYZ");
        ((ObjectNode) document.get("seller")).put("name", "");
        firstLine(document).put("quantity", "four");
        document.withArray("footer").add(7);

        assertThat(paths(document)).containsExactly("currency", "seller.name", "lines[0].quantity", "footer[1]");
    }

    @Test
    void blankOptionalTextCountsAsAbsent() {
        ObjectNode document = frCash();
        document.put("cashier", "");
        ((ObjectNode) document.get("seller")).put("phone", " ");

        Invoice invoice = parse(document);

        assertThat(invoice.cashier()).isNull();
        assertThat(invoice.seller().phone()).isNull();
    }

    @Test
    void nullCustomerCountsAsAbsent() {
        ObjectNode document = frCash();
        document.putNull("customer");

        assertThat(parse(document).customer()).isNull();
    }

    @Test
    void taxesMayNotBeLeftOut() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("totals")).remove("taxes");

        assertThat(paths(document)).containsExactly("totals.taxes");
    }

    @Test
    void paymentsChangeFooterQrAndCustomerAreOptional() {
        ObjectNode document = frCash();
        document.remove(List.of("payments", "change", "footer", "qr", "customer", "cashier"));

        Invoice invoice = parse(document);

        assertThat(invoice.payments()).isEmpty();
        assertThat(invoice.change()).isNull();
        assertThat(invoice.footer()).isEmpty();
    }
}
