package io.printbridge.core.invoice;

import static io.printbridge.core.invoice.InvoiceDocuments.example;
import static io.printbridge.core.invoice.InvoiceDocuments.firstLine;
import static io.printbridge.core.invoice.InvoiceDocuments.frCash;
import static io.printbridge.core.invoice.InvoiceDocuments.parse;
import static io.printbridge.core.invoice.InvoiceDocuments.refusal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/**
 * Fields the contract does not define are refused, at every level, with their path: a misspelt
 * field must not silently drop something from a legal document.
 */
class InvoiceUnknownFieldsTest {

    @Test
    void aMisspeltLineFieldIsRefusedNamingTheFieldsOfALine() {
        ObjectNode document = frCash();
        ((ObjectNode) document.withArray("lines").get(2)).put("quantiy", "6");

        assertThat(refusal(document).violations())
                .containsExactly(new Violation(
                        "lines[2].quantiy",
                        "unknown field (expected: one of description, quantity, unitPrice, taxRate, amount)"));
    }

    @Test
    void unknownFieldsAreRefusedAtEveryLevelOfTheDocument() {
        ObjectNode document = example("mixed-80mm-qr.json");
        document.put("schemaVersion", 2);
        ((ObjectNode) document.get("seller")).put("fax", "+213 21 00 00 00");
        ((ObjectNode) document.get("customer")).put("email", "client@example.dz");
        ((ObjectNode) document.withArray("lines").get(0)).put("sku", "MF-01");
        ((ObjectNode) document.get("totals")).put("rounding", "0.00");
        ((ObjectNode) document.get("totals").withArray("taxes").get(1)).put("label", "TVA 9 %");
        ((ObjectNode) document.withArray("payments").get(0)).put("reference", "T-1");

        assertThat(refusal(document).violations())
                .extracting(Violation::path)
                .containsExactly(
                        "schemaVersion",
                        "seller.fax",
                        "customer.email",
                        "lines[0].sku",
                        "totals.rounding",
                        "totals.taxes[1].label",
                        "payments[0].reference");
    }

    @Test
    void eachLevelListsItsOwnFields() {
        ObjectNode document = example("mixed-80mm-qr.json");
        document.put("notes", "x");
        ((ObjectNode) document.get("totals")).put("rounding", "0.00");
        ((ObjectNode) document.withArray("payments").get(0)).put("reference", "T-1");

        assertThat(refusal(document).violations())
                .extracting(Violation::message)
                .containsExactly(
                        "unknown field (expected: one of number, issuedAt, language, currency, seller, customer, cashier, lines, "
                                + "totals, payments, change, qr, footer)",
                        "unknown field (expected: one of net, taxes, stamp, total)",
                        "unknown field (expected: one of method, amount)");
    }

    @Test
    void aKeyWithControlCharactersIsShownQuotedInItsPath() {
        ObjectNode document = frCash();
        firstLine(document).put("note\u001B[31m", "x");

        assertThat(refusal(document).violations())
                .extracting(Violation::path)
                .containsExactly("lines[0][\"note\\u001B[31m\"]");
    }

    @Test
    void legalIdentifiersTakeAnyLabel() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("seller").get("ids")).put("ART", "16012345678");

        assertThat(parse(document).seller().ids()).containsEntry("ART", "16012345678");
    }

    @Test
    void theParserForDocumentsAcceptedEarlierStillIgnoresUnknownFieldsButNothingElse() {
        ObjectNode extra = frCash();
        extra.put("schemaVersion", 2);
        firstLine(extra).put("sku", "MF-01");
        ObjectNode broken = extra.deepCopy();
        firstLine(broken).put("quantity", "four");
        InvoiceParser earlier = InvoiceParser.ignoringUnknownFields();

        assertThat(earlier.parse(extra)).isEqualTo(parse(frCash()));
        assertThat(catchThrowableOfType(InvoiceValidationException.class, () -> earlier.parse(broken))
                        .violations())
                .extracting(Violation::path)
                .containsExactly("lines[0].quantity");
    }
}
