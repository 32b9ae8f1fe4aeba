package io.printbridge.server.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A webhook's settings are checked, and a wrong one is named with what was expected. */
class WebhookTest {

    static WebhookConfig config(String url, String secret, List<String> stores) {
        return new WebhookConfig(
                "erp",
                url,
                secret,
                stores,
                10,
                Duration.ofSeconds(15),
                Duration.ofMinutes(20),
                Duration.ofSeconds(10),
                List.of("job.final"));
    }

    static final String SECRET = "0123456789abcdef";

    @Test
    void validSettingsMakeAWebhookForAllStores() {
        Webhook webhook = Webhook.of(config("https://erp.example.com/hook", SECRET, List.of("*")));

        assertThat(webhook.url().getHost()).isEqualTo("erp.example.com");
        assertThat(webhook.wants("alger-01")).isTrue();
        assertThat(webhook.retry().maxAttempts()).isEqualTo(10);
    }

    @Test
    void storeListLimitsWhichStoresItWants() {
        Webhook webhook = Webhook.of(config("https://erp.example.com/hook", SECRET, List.of("alger-01", " setif-04")));

        assertThat(webhook.wants("setif-04")).isTrue();
        assertThat(webhook.wants("oran-02")).isFalse();
    }

    @Test
    void urlThatIsNotHttpIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Webhook.of(config("ftp://erp.example.com/hook", SECRET, List.of("*"))))
                .hasMessage("bridge.webhooks.erp.url: \"ftp://erp.example.com/hook\" (expected: an absolute http:// or"
                        + " https:// URL, e.g. https://erp.example.com/printbridge/webhook)");
    }

    @Test
    void relativeOrMalformedUrlIsRefused() {
        assertThatThrownBy(() -> Webhook.of(config("/hook", SECRET, List.of("*"))))
                .hasMessageStartingWith("bridge.webhooks.erp.url: \"/hook\"");
        assertThatThrownBy(() -> Webhook.of(config("https://erp example/hook", SECRET, List.of("*"))))
                .hasMessageStartingWith("bridge.webhooks.erp.url: \"https://erp example/hook\" is not a URL");
    }

    @Test
    void missingUrlIsRefused() {
        assertThatThrownBy(() -> Webhook.of(config(null, SECRET, List.of("*"))))
                .hasMessageStartingWith("bridge.webhooks.erp.url: missing (expected: ");
    }

    @Test
    void shortSecretIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> Webhook.of(config("https://erp.example.com/hook", "hunter2", List.of("*"))))
                .hasMessageStartingWith("bridge.webhooks.erp.secret: 7 characters (expected: at least 16")
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void badStoreIdIsRefused() {
        assertThatThrownBy(() -> Webhook.of(config("https://erp.example.com/hook", SECRET, List.of("Alger_01"))))
                .hasMessageStartingWith("bridge.webhooks.erp.stores: \"Alger_01\" (expected: \"*\" or store ids");
    }

    @Test
    void emptyStoreListIsRefusedRatherThanTakenForEveryStore() {
        assertThatThrownBy(() -> Webhook.of(config("https://erp.example/hook", "0123456789abcdef", List.of())))
                .hasMessage("bridge.webhooks.erp.stores: empty (expected: \"*\" for every store, or store ids)");
        assertThatThrownBy(() -> Webhook.of(config("https://erp.example/hook", "0123456789abcdef", List.of(" "))))
                .hasMessageStartingWith("bridge.webhooks.erp.stores:");
    }

    @Test
    void maxRetryShorterThanFirstRetryIsRefused() {
        WebhookConfig config = new WebhookConfig(
                "erp",
                "https://erp.example.com/hook",
                SECRET,
                List.of("*"),
                10,
                Duration.ofMinutes(5),
                Duration.ofMinutes(1),
                Duration.ofSeconds(10),
                List.of("job.final"));

        assertThatThrownBy(() -> Webhook.of(config))
                .hasMessage("bridge.webhooks.erp.max-retry: PT1M (expected: at least" + " first-retry, PT5M)");
    }

    @Test
    void secretStaysOutOfToString() {
        assertThat(Webhook.of(config("https://erp.example.com/hook", SECRET, List.of("*")))
                        .toString())
                .doesNotContain(SECRET);
        assertThat(config("https://erp.example.com/hook", SECRET, List.of("*")).toString())
                .doesNotContain(SECRET);
    }
}
