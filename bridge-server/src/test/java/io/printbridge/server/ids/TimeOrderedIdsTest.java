package io.printbridge.server.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    private final AtomicLong clock = new AtomicLong(1_764_000_000_000L);
    private final TimeOrderedIds ids = new TimeOrderedIds(clock::get);

    @Test
    void idsAreVersion7UuidsCarryingTheirMillisecond() {
        UUID id = ids.nextId();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(clock.get());
    }

    @Test
    void stringsSortInTheOrderTheIdsWereMadeWithinAndAcrossMilliseconds() {
        List<String> made = new ArrayList<>();
        for (int ms = 0; ms < 5; ms++) {
            for (int i = 0; i < 5000; i++) { // more than the 12-bit counter holds in one millisecond
                made.add(ids.nextId().toString());
            }
            clock.addAndGet(1);
        }

        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSameSizeAs(made);
    }

    @Test
    void aClockGoingBackDoesNotBreakTheOrder() {
        String before = ids.nextId().toString();
        clock.addAndGet(-2000);

        String after = ids.nextId().toString();

        assertThat(after).isGreaterThan(before);
    }
}
