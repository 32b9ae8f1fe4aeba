package io.printbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvalidInvoiceExamplesTest {
    private final InvoiceParser parser = new InvoiceParser();

    private InvoiceValidationException refusalOf(String name) {
        byte[] json =
                InvoiceDocuments.bytes(InvoiceDocuments.dir().resolve("invalid").resolve(name));
        InvoiceValidationException refusal =
                catchThrowableOfType(InvoiceValidationException.class, () -> parser.parse(json));
        assertThat(refusal).as("refusal of %s", name).isNotNull();
        return refusal;
    }

    @Test
    void everyInvalidExampleIsCovered() {
        Path invalid = InvoiceDocuments.dir().resolve("invalid");
        assertThat(InvoiceDocuments.jsonFiles(invalid))
                .containsExactlyInAnyOrder(
                        "missing-number.json",
                        "quantity-not-a-number.json",
                        "total-mismatch.json",
                        "unknown-currency.json");
    }

    @ParameterizedTest
    @CsvSource({
        "missing-number.json,        number",
        "quantity-not-a-number.json, lines[0].quantity",
        "total-mismatch.json,        totals.total",
        "unknown-currency.json,      currency",
    })
    void invalidExampleIsRefusedNamingTheField(String name, String path) {
        assertThat(refusalOf(name).violations()).extracting(Violation::path).containsExactly(path);
    }

    @Test
    void quantityNotANumberNamesTheValueAndWhatWasExpected() {
        InvoiceValidationException refusal = refusalOf("quantity-not-a-number.json");

        assertThat(refusal.violations().get(0).message())
                .isEqualTo("\"four\" (expected: a decimal number such as \"2\" or \"1.5\")");
        assertThat(refusal)
                .hasMessage(
                        "invoice refused: lines[0].quantity: \"four\" (expected: a decimal number such as \"2\" or \"1.5\")");
    }

    @Test
    void totalMismatchShowsHowTheTotalIsMadeUp() {
        assertThat(refusalOf("total-mismatch.json").violations().get(0).message())
                .isEqualTo("\"4000.00\" (expected: \"4158.57\" = net 3460.00 + taxes 657.40 + stamp 41.17)");
    }

    @Test
    void unknownCurrencyIsNamedAsNotIso4217() {
        assertThat(refusalOf("unknown-currency.json").violations().get(0).message())
                .isEqualTo("\"XYZ\" (expected: an ISO 4217 currency code; supported: DZD)");
    }

    @Test
    void missingNumberSaysItIsMissing() {
        assertThat(refusalOf("missing-number.json").violations().get(0).message())
                .isEqualTo("missing (expected: a non-blank string)");
    }
}
