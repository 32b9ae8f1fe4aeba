package io.printbridge.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.printbridge.server.testing.Bridge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Webhooks cost nothing when none is configured, and a wrong setting stops the server at start. */
class WebhookStartupTest {

    @TempDir
    Path dir;

    @Test
    void withoutWebhooksNothingOfThemRuns() throws Exception {
        try (Bridge bridge = new Bridge(dir, List.of("alger-01"))) {
            assertThat(bridge.server().containsBean(WebhookOutbox.class)).isFalse();
            assertThat(bridge.server().containsBean(WebhookDispatcher.class)).isFalse();
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().startsWith("webhooks"));
        }
    }

    @Test
    void badWebhookUrlStopsTheServerAtStartNamingTheSetting() {
        assertThatThrownBy(() -> new Bridge(
                                dir,
                                List.of("alger-01"),
                                Map.of(
                                        "bridge.webhooks.erp.url", "ftp://erp.example.com/hook",
                                        "bridge.webhooks.erp.secret", "0123456789abcdef"))
                        .close())
                .hasStackTraceContaining(
                        "bridge.webhooks.erp.url: \"ftp://erp.example.com/hook\" (expected: an absolute"
                                + " http:// or https:// URL");
    }
}
