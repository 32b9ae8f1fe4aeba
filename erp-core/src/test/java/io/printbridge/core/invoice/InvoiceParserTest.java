package io.printbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The three ways in, JSON-level problems, and the model's guarantees. */
class InvoiceParserTest {
    private final InvoiceParser parser = new InvoiceParser();

    private List<Violation> refusalOf(String json) {
        return catchThrowableOfType(InvoiceValidationException.class, () -> parser.parse(json))
                .violations();
    }

    @Test
    void bytesTextAndTreeGiveTheSameInvoice() throws Exception {
        ObjectNode tree = InvoiceDocuments.frCash();
        String text = InvoiceDocuments.JSON.writeValueAsString(tree);

        Invoice fromTree = parser.parse(tree);

        assertThat(parser.parse(text)).isEqualTo(fromTree);
        assertThat(parser.parse(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(fromTree);
    }

    @Test
    void invoiceTakenFromALargerRequestBodyParses() throws Exception {
        String body = "{\"printer\":\"caisse-1\",\"invoice\":"
                + InvoiceDocuments.JSON.writeValueAsString(InvoiceDocuments.frCash()) + "}";

        Invoice invoice = parser.parse(InvoiceDocuments.JSON.readTree(body).get("invoice"));

        assertThat(invoice.number()).isEqualTo("FA-2026-004512");
    }

    @Test
    void malformedJsonIsRefusedAsADocumentProblem() {
        List<Violation> violations = refusalOf("{\"number\": \"FA-1\",");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("document");
            assertThat(v.message()).startsWith("not valid JSON at line 1, column ");
        });
    }

    @Test
    void duplicateKeyIsRefused() {
        List<Violation> violations = refusalOf("{\"number\": \"FA-1\", \"number\": \"FA-2\"}");

        assertThat(violations).singleElement().satisfies(v -> {
            assertThat(v.path()).isEqualTo("document");
            assertThat(v.message()).contains("Duplicate field 'number'");
        });
    }

    @Test
    void documentThatIsNotAnObjectIsRefused() {
        assertThat(refusalOf("[]")).containsExactly(new Violation("document", "an array (expected: a JSON object)"));
    }

    @Test
    void exceptionMessageListsEveryViolation() {
        ObjectNode document = InvoiceDocuments.frCash();
        document.remove("number");
        document.put("currency", "XYZ");

        assertThatThrownBy(() -> parser.parse(document))
                .isInstanceOf(InvoiceValidationException.class)
                .hasMessage("invoice refused: number: missing (expected: a non-blank string); "
                        + "currency: \"XYZ\" (expected: an ISO 4217 currency code; supported: DZD)");
    }

    @Test
    void moneyKeepsItsDecimalDigitsExactly() {
        // As a double, 0.1 × 3 is 0.30000000000000004 and 999999999.99 is 999999999.99000001...
        ObjectNode document = InvoiceDocuments.oneLine("3", "0.10", "0", "0.30");
        InvoiceDocuments.totals(document, "0.30", "0", "0.30", "0.00", "999999999.69", "999999999.99");

        Invoice invoice = parser.parse(document);

        assertThat(invoice.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("0.10"));
        assertThat(invoice.totals().total()).isEqualTo(new BigDecimal("999999999.99"));
    }

    @Test
    void collectionsOfAParsedInvoiceCannotBeModified() {
        Invoice invoice = parser.parse(InvoiceDocuments.frCash());

        assertThatThrownBy(() -> invoice.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> invoice.seller().ids().put("X", "Y"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> invoice.footer().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void identifiersKeepTheirOrderWhenARecordIsBuiltDirectly() {
        var ids = new java.util.LinkedHashMap<String, String>();
        ids.put("RC", "1");
        ids.put("NIF", "2");
        ids.put("AI", "3");
        ids.put("NIS", "4");

        Seller seller = new Seller("Fée Maison", List.of(), null, ids);
        ids.put("ART", "5");

        assertThat(seller.ids().keySet()).containsExactly("RC", "NIF", "AI", "NIS");
    }

    @Test
    void languageKnowsItsCodeAndDirection() {
        assertThat(Language.ofCode("ar")).contains(Language.AR);
        assertThat(Language.AR.code()).isEqualTo("ar");
        assertThat(Language.FR.isRightToLeft()).isFalse();
        assertThat(Language.ofCode("FR")).isEmpty();
    }
}
