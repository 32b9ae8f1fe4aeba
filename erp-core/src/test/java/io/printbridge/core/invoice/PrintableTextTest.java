package io.printbridge.core.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.printbridge.core.invoice.PrintableText.RefusedCharacter;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PrintableTextTest {

    static IntStream refusedCharacters() {
        return IntStream.concat(
                IntStream.concat(
                        IntStream.rangeClosed(0x00, 0x1F).filter(c -> c != '\t' && c != '\n' && c != '\r'),
                        IntStream.rangeClosed(0x7F, 0x9F)),
                IntStream.concat(IntStream.rangeClosed(0x202A, 0x202E), IntStream.rangeClosed(0x2066, 0x2069)));
    }

    @ParameterizedTest
    @MethodSource("refusedCharacters")
    void controlAndBidiOverrideCharactersAreRefused(int c) {
        assertThat(PrintableText.findRefused("ab" + Character.toString(c) + "cd"))
                .contains(new RefusedCharacter(c, 2));
    }

    @Test
    void refusedCharactersAreTheOnesListedAndNoOthersInTheFirstPlanes() {
        long refused = IntStream.rangeClosed(0, 0xFFFF)
                .filter(c -> !Character.isSurrogate((char) c))
                .filter(c -> PrintableText.findRefused(Character.toString(c)).isPresent())
                .count();

        assertThat(refused).isEqualTo(refusedCharacters().count());
    }

    @ParameterizedTest
    @CsvSource({
        "27,   U+001B (ESC) at index 1",
        "29,   U+001D (GS) at index 1",
        "16,   U+0010 (DLE) at index 1",
        "0,    U+0000 (NUL) at index 1",
        "127,  U+007F (DEL) at index 1",
        "133,  U+0085 (NEL) at index 1",
        "155,  U+009B (CSI) at index 1",
        "8238, U+202E (RLO) at index 1",
        "8297, U+2069 (PDI) at index 1",
    })
    void refusedCharacterIsNamed(int c, String description) {
        assertThat(PrintableText.findRefused("a" + Character.toString(c)).orElseThrow())
                .hasToString(description);
    }

    @Test
    void indexCountsUtf16CharsAfterAnEmoji() {
        assertThat(PrintableText.findRefused("🍰\u001B").orElseThrow().index()).isEqualTo(2);
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThat(PrintableText.findRefused("a\uD83Db").orElseThrow())
                .hasToString("U+D83D (unpaired surrogate) at index 1");
    }

    @Test
    void tabBecomesASpace() {
        assertThat(PrintableText.clean("Café\tcrème")).isEqualTo("Café crème");
    }

    @Test
    void runOfLineBreaksBecomesOneSpace() {
        assertThat(PrintableText.clean("a\r\n\r\nb\nc\u2028d")).isEqualTo("a b c d");
    }

    @Test
    void ordinaryTextIsUnchanged() {
        String text = "Fée Maison — حلوى اللوز 🍰 100 % \u200E\u200F\u061C";

        assertThat(PrintableText.findRefused(text)).isEmpty();
        assertThat(PrintableText.clean(text)).isEqualTo(text);
    }

    @Test
    void cleanRefusesControlCharactersNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PrintableText.clean("a\u001Bp"))
                .withMessage(
                        "text contains U+001B (ESC) at index 1 (expected: printable text without control characters)");
    }
}
