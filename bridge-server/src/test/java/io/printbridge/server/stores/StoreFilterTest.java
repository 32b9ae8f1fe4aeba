package io.printbridge.server.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.printbridge.proto.v1.Printer;
import io.printbridge.proto.v1.PrinterState;
import io.printbridge.proto.v1.PrinterStatus;
import io.printbridge.server.stores.StoreDirectory.PrinterInfo;
import io.printbridge.server.stores.StoreDirectory.StoreInfo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class StoreFilterTest {

    static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");

    static StoreInfo store(
            String id, String hostname, boolean online, PrinterStatus status, @Nullable Instant expires) {
        return new StoreInfo(
                id,
                online,
                NOW,
                NOW,
                online ? NOW : null,
                "0.1.0",
                hostname,
                List.of(new PrinterInfo(Printer.newBuilder().setName("receipt").build(), status)),
                expires);
    }

    static PrinterStatus state(PrinterState state) {
        return PrinterStatus.newBuilder().setState(state).build();
    }

    static final PrinterStatus READY = state(PrinterState.PRINTER_STATE_READY);

    @Test
    void everyStateButReadyIsAPrinterProblemAndSoIsPaperNearEnd() {
        assertThat(StoreFilter.problem(READY)).isFalse();
        assertThat(StoreFilter.problem(state(PrinterState.PRINTER_STATE_NOT_READY)))
                .isTrue();
        assertThat(StoreFilter.problem(state(PrinterState.PRINTER_STATE_OFFLINE)))
                .isTrue();
        assertThat(StoreFilter.problem(state(PrinterState.PRINTER_STATE_UNKNOWN)))
                .isTrue();
        assertThat(StoreFilter.problem(READY.toBuilder().setPaperNearEnd(true).build()))
                .isTrue();
    }

    @Test
    void theSearchMatchesPartOfTheIdOrHostnameInAnyCase() {
        StoreInfo store = store("oran-07", "PC-Caisse-Centre", true, READY, null);

        assertThat(new StoreFilter(null, false, null, "caisse-c", "").test(store))
                .isTrue();
        assertThat(new StoreFilter(null, false, null, "ORAN-0", "").test(store)).isTrue();
        assertThat(new StoreFilter(null, false, null, "alger", "").test(store)).isFalse();
        assertThat(new StoreFilter(null, false, null, "pc-caisse-centre-2", "").test(store))
                .isFalse();
    }

    @Test
    void aStoreWhoseCertificateIsNotKnownNeverMatchesTheExpiryFilter() {
        StoreFilter within14Days = new StoreFilter(null, false, NOW.plus(Duration.ofDays(14)), "", "");

        assertThat(within14Days.test(store("a", "h", true, READY, null))).isFalse();
        assertThat(within14Days.test(store("a", "h", true, READY, NOW.plus(Duration.ofDays(13)))))
                .isTrue();
        assertThat(within14Days.test(store("a", "h", true, READY, NOW.minus(Duration.ofDays(3)))))
                .isTrue();
        assertThat(within14Days.test(store("a", "h", true, READY, NOW.plus(Duration.ofDays(15)))))
                .isFalse();
    }

    @Test
    void filtersCombine() {
        StoreFilter offlineWithProblem = new StoreFilter(false, true, null, "", "");

        assertThat(offlineWithProblem.test(store("a", "h", false, state(PrinterState.PRINTER_STATE_OFFLINE), null)))
                .isTrue();
        assertThat(offlineWithProblem.test(store("a", "h", true, state(PrinterState.PRINTER_STATE_OFFLINE), null)))
                .isFalse();
        assertThat(offlineWithProblem.test(store("a", "h", false, READY, null))).isFalse();
        assertThat(StoreFilter.ANY.test(store("a", "h", false, READY, null))).isTrue();
    }
}
