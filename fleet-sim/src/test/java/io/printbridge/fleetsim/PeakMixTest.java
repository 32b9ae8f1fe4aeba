package io.printbridge.fleetsim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.faults.harness.PlannedJob.Kind;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PeakMixTest {

    @Test
    void theDefaultMixIsMostlyReceiptsThenInvoicesThenDrawers() {
        PeakMix mix = PeakMix.parse(PeakMix.DEFAULT);
        Map<Kind, Integer> drawn = new EnumMap<>(Kind.class);
        Random random = new Random(20);
        for (int i = 0; i < 20_000; i++) {
            drawn.merge(mix.draw(random), 1, Integer::sum);
        }

        // 80 / 15 / 5 of 20,000, within a few standard deviations of a seeded draw.
        assertThat(drawn.get(Kind.RAW)).isBetween(15_700, 16_300);
        assertThat(drawn.get(Kind.INVOICE)).isBetween(2_750, 3_250);
        assertThat(drawn.get(Kind.DRAWER)).isBetween(850, 1_150);
        assertThat(mix).hasToString("raw=80,invoice=15,drawer=5");
    }

    @Test
    void aKindNotNamedIsNeverDrawn() {
        PeakMix mix = PeakMix.parse("drawer=1");
        Random random = new Random(1);
        for (int i = 0; i < 100; i++) {
            assertThat(mix.draw(random)).isEqualTo(Kind.DRAWER);
        }
    }

    @Test
    void aMixThatCannotBeReadSaysWhatWasExpected() {
        assertThatThrownBy(() -> PeakMix.parse("raw=80,receipt=20"))
                .hasMessageContaining("\"receipt=20\"")
                .hasMessageContaining("the kinds raw, invoice and drawer");
        assertThatThrownBy(() -> PeakMix.parse("raw:80")).hasMessageContaining("kind=weight");
        assertThatThrownBy(() -> PeakMix.parse("raw=-1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> PeakMix.parse("raw=0,drawer=0")).hasMessageContaining("at least one weight above 0");
        assertThatThrownBy(() -> PeakMix.parse("raw=1,RAW=2")).hasMessageContaining("named twice");
    }
}
