package io.printbridge.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogSafeTest {

    @Test
    void plainTextIsKeptAsItIs() {
        assertThat(LogSafe.text("store alger-01, printer receipt: paper out"))
                .isEqualTo("store alger-01, printer receipt: paper out");
    }

    @Test
    void newlinesBecomeVisibleEscapesSoNoSecondLineCanBeForged() {
        String forged = "store x\n2026-01-01 10:00:00.000 INFO  [main] i.p.s.AgentLinkService - forged\r\n";

        String safe = LogSafe.text(forged);

        assertThat(safe)
                .doesNotContain("\n")
                .doesNotContain("\r")
                .isEqualTo("store x\\n2026-01-01 10:00:00.000 INFO  [main] i.p.s.AgentLinkService - forged\\r\\n");
    }

    @Test
    void ansiEscapesAndOtherControlCharactersBecomeUnicodeEscapes() {
        assertThat(LogSafe.text("\u001b[31mred\u001b[0m\u0000\u0007\tend\u0085"))
                .isEqualTo("\\u001b[31mred\\u001b[0m\\u0000\\u0007\\tend\\u0085");
    }

    @Test
    void bidirectionalOverridesAndLineSeparatorsAreEscaped() {
        assertThat(LogSafe.text("invoice\u202Efdp.exe\u2028next\u2029"))
                .isEqualTo("invoice\\u202efdp.exe\\u2028next\\u2029");
    }

    @Test
    void arabicTextAndEmojiAreKept() {
        assertThat(LogSafe.text("الورق نفد 🧾")).isEqualTo("الورق نفد 🧾");
    }

    @Test
    void anUnpairedSurrogateIsEscaped() {
        assertThat(LogSafe.text("a\uD800b")).isEqualTo("a\\ud800b");
    }

    @Test
    void longTextIsCutToTheLimitAndSaysHowLongItWas() {
        String safe = LogSafe.text("x".repeat(3000));

        assertThat(safe).isEqualTo("x".repeat(LogSafe.MAX_CHARS) + "…(3000 chars)");
    }

    @Test
    void theCutNeverSplitsAnEscapeOrASurrogatePair() {
        assertThat(LogSafe.text("abcd\n", 5)).isEqualTo("abcd…(5 chars)");
        assertThat(LogSafe.text("abcd🧾", 5)).isEqualTo("abcd…(6 chars)");
    }

    @Test
    void nullIsWrittenAsNull() {
        assertThat(LogSafe.text(null)).isEqualTo("null");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> LogSafe.text("x", 0)).hasMessage("maxChars: 0 (expected: at least 1)");
    }
}
