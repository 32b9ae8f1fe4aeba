package io.printbridge.core.invoice;

import static io.printbridge.core.invoice.InvoiceDocuments.firstLine;
import static io.printbridge.core.invoice.InvoiceDocuments.frCash;
import static io.printbridge.core.invoice.InvoiceDocuments.parse;
import static io.printbridge.core.invoice.InvoiceDocuments.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Absurd sizes are refused with the limit in the message; sizes at the limit pass. */
class InvoiceLimitsTest {

    private static Violation onlyViolation(ObjectNode document) {
        List<Violation> violations = refusal(document).violations();
        assertThat(violations).hasSize(1);
        return violations.get(0);
    }

    @Test
    void numberOfFortyCharactersIsAccepted() {
        ObjectNode document = frCash();
        document.put("number", "N".repeat(40));

        assertThat(parse(document).number()).hasSize(40);
    }

    @Test
    void numberOfFortyOneCharactersIsRefused() {
        ObjectNode document = frCash();
        document.put("number", "N".repeat(41));

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("number");
        assertThat(violation.message()).endsWith("is 41 characters long (expected: at most 40)");
    }

    @Test
    void lengthIsCountedInCharactersNotBytes() {
        ObjectNode document = frCash();
        firstLine(document).put("description", "ب".repeat(InvoiceLimits.MAX_DESCRIPTION_LENGTH));

        assertThat(parse(document).lines().get(0).description()).hasSize(200);
    }

    @Test
    void descriptionOverTheLimitIsRefused() {
        ObjectNode document = frCash();
        firstLine(document).put("description", "x".repeat(201));

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("lines[0].description");
        assertThat(violation.message()).startsWith("\"" + "x".repeat(40) + "…\" is 201 characters long");
    }

    @Test
    void moreThanAThousandLinesAreRefused() {
        ObjectNode document = frCash();
        ArrayNode lines = document.putArray("lines");
        for (int i = 0; i < 1001; i++) {
            lines.add(firstLine(frCash()));
        }

        Violation violation = onlyViolation(document);
        assertThat(violation).isEqualTo(new Violation("lines", "an array of 1001 (expected: at most 1000)"));
    }

    @Test
    void emptyLinesAreRefused() {
        ObjectNode document = frCash();
        document.putArray("lines");

        assertThat(onlyViolation(document)).isEqualTo(new Violation("lines", "an array of 0 (expected: at least 1)"));
    }

    @Test
    void qrIsLimitedInUtf8Bytes() {
        ObjectNode document = frCash();
        // 351 Arabic letters are 702 bytes in UTF-8.
        document.put("qr", "ق".repeat(351));

        Violation violation = onlyViolation(document);
        assertThat(violation.path()).isEqualTo("qr");
        assertThat(violation.message()).endsWith("is 702 bytes in UTF-8 (expected: at most 700)");
    }

    @Test
    void qrOf700BytesIsAccepted() {
        ObjectNode document = frCash();
        document.put("qr", "https://erp.example/" + "a".repeat(680));

        assertThat(parse(document).qr()).hasSize(700);
    }

    @Test
    void moreThanTenFooterLinesAreRefused() {
        ObjectNode document = frCash();
        ArrayNode footer = document.putArray("footer");
        for (int i = 0; i < 11; i++) {
            footer.add("Merci");
        }

        assertThat(onlyViolation(document).path()).isEqualTo("footer");
    }

    @Test
    void moreThanSixAddressLinesAreRefused() {
        ObjectNode document = frCash();
        ArrayNode address = ((ObjectNode) document.get("seller")).putArray("address");
        for (int i = 0; i < 7; i++) {
            address.add("rue");
        }

        assertThat(onlyViolation(document).path()).isEqualTo("seller.address");
    }

    @Test
    void moreThanTenIdentifiersAreRefused() {
        ObjectNode document = frCash();
        ObjectNode ids = ((ObjectNode) document.get("seller")).putObject("ids");
        for (int i = 0; i < 11; i++) {
            ids.put("ID" + i, "value");
        }

        assertThat(onlyViolation(document))
                .isEqualTo(new Violation("seller.ids", "an object of 11 identifiers (expected: at most 10)"));
    }

    @Test
    void documentLargerThanOneMebibyteIsRefusedUnread() {
        byte[] huge = new byte[InvoiceLimits.MAX_DOCUMENT_BYTES + 1];

        InvoiceValidationException refusal = org.assertj.core.api.Assertions.catchThrowableOfType(
                InvoiceValidationException.class, () -> new InvoiceParser().parse(huge));

        assertThat(refusal.violations())
                .containsExactly(new Violation("document", "1048577 bytes (expected: at most 1048576 bytes)"));
    }

    @Test
    void onlyTheFirstHundredViolationsAreKeptButAllAreCounted() {
        ObjectNode document = frCash();
        ArrayNode lines = document.putArray("lines");
        for (int i = 0; i < 1000; i++) {
            lines.add(firstLine(frCash()).put("quantity", "four"));
        }

        InvoiceValidationException refusal = refusal(document);

        assertThat(refusal.violations()).hasSize(InvoiceLimits.MAX_REPORTED_VIOLATIONS);
        assertThat(refusal.totalViolations()).isEqualTo(1000);
        assertThat(refusal).hasMessageEndingWith("; and 900 more");
    }
}
