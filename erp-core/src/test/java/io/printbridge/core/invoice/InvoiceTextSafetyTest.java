package io.printbridge.core.invoice;

import static io.printbridge.core.invoice.InvoiceDocuments.firstLine;
import static io.printbridge.core.invoice.InvoiceDocuments.frCash;
import static io.printbridge.core.invoice.InvoiceDocuments.parse;
import static io.printbridge.core.invoice.InvoiceDocuments.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Text from the ERP never reaches the printer as a command. */
class InvoiceTextSafetyTest {

    private static Violation onlyViolation(ObjectNode document) {
        List<Violation> violations = refusal(document).violations();
        assertThat(violations).hasSize(1);
        return violations.get(0);
    }

    @Test
    void escapeInADescriptionIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("description", "Mille\u001Bpfeuille");

        assertThat(onlyViolation(document))
                .isEqualTo(new Violation(
                        "lines[0].description",
                        "\"Mille\\u001Bpfeuille\" contains U+001B (ESC) at index 5 "
                                + "(expected: printable text; control characters are refused)"));
    }

    @Test
    void groupSeparatorInTheFooterIsRefused() {
        ObjectNode document = frCash();
        document.putArray("footer").add("Merci").add("\u001DV\u0000");

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("footer[1]");
        assertThat(violation.message()).contains("U+001D (GS) at index 0");
    }

    @Test
    void dataLinkEscapeInTheSellerNameIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("seller")).put("name", "Fée\u0010\u0014\u0001Maison");

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("seller.name");
        assertThat(violation.message()).contains("U+0010 (DLE) at index 3");
    }

    @Test
    void rightToLeftOverrideInTheCustomerNameIsRefused() {
        ObjectNode document = frCash();
        document.putObject("customer").put("name", "SARL \u202E0001");

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("customer.name");
        assertThat(violation.message()).contains("U+202E (RLO) at index 5");
    }

    @Test
    void controlCharacterInAnIdentifierLabelIsRefused() {
        ObjectNode document = frCash();
        ((ObjectNode) document.get("seller").get("ids")).put("N\u001BIF", "0021");

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("seller.ids");
        assertThat(violation.message()).startsWith("label \"N\\u001BIF\" contains U+001B (ESC)");
    }

    @Test
    void controlCharacterInTheQrIsRefused() {
        ObjectNode document = frCash();
        document.put("qr", "https://erp.example/f/1\u001Dk");

        assertThat(onlyViolation(document).path()).isEqualTo("qr");
    }

    @Test
    void refusalMessageNeverCarriesTheRawControlCharacter() {
        ObjectNode document = frCash();
        firstLine(document).put("description", "\u001B@\u001Bp\u0000\u0019\u00FA");

        assertThat(refusal(document).getMessage()).doesNotContain("\u001B");
    }

    @Test
    void tabInADescriptionBecomesASpace() {
        ObjectNode document = frCash();
        firstLine(document).put("description", "Mille\tfeuille");

        assertThat(parse(document).lines().get(0).description()).isEqualTo("Mille feuille");
    }

    @Test
    void lineBreakInTheFooterBecomesOneSpace() {
        ObjectNode document = frCash();
        document.putArray("footer").add("Merci de votre visite !\r\nÀ bientôt");

        assertThat(parse(document).footer()).containsExactly("Merci de votre visite ! À bientôt");
    }

    @Test
    void directionMarksInMixedTextAreKept() {
        ObjectNode document = frCash();
        firstLine(document).put("description", "Baklawa \u200F(بقلاوة)\u200E x2");

        assertThat(parse(document).lines().get(0).description()).isEqualTo("Baklawa \u200F(بقلاوة)\u200E x2");
    }
}
