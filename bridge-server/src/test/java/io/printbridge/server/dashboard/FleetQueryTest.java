package io.printbridge.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FleetQueryTest {

    @Test
    void theQueryStringGivesTheSameViewBack() {
        FleetQuery query = FleetQuery.of("alger centre", "1", null, "on", "1.2.0", null);

        assertThat(query.queryString()).isEqualTo("q=alger%20centre&offline=1&expiring=1&version=1.2.0");
        assertThat(FleetQuery.of("alger centre", "1", null, "1", "1.2.0", null)).isEqualTo(query);
    }

    @Test
    void searchAndVersionAreCutTo64Characters() {
        FleetQuery query = FleetQuery.of("x".repeat(5000), null, null, null, "v".repeat(100), null);

        assertThat(query.search()).hasSize(64);
        assertThat(query.version()).hasSize(64);
    }

    @Test
    void thePageLinksKeepTheFiltersAndMoveTheCursor() {
        FleetQuery query = FleetQuery.of("oran", null, "1", null, null, "oran-07");

        assertThat(query.after()).isEqualTo("oran-07");
        assertThat(query.href("oran-19")).isEqualTo("/dashboard?q=oran&problems=1&after=oran-19");
        assertThat(query.href(null)).isEqualTo("/dashboard?q=oran&problems=1");
        assertThat(FleetQuery.of(null, null, null, null, null, null).href("alger-01"))
                .isEqualTo("/dashboard?after=alger-01");
        assertThat(FleetQuery.of(null, null, null, null, null, null).href(null)).isEqualTo("/dashboard");
    }

    @Test
    void anAfterThatIsNotAStoreIdMeansTheFirstPage() {
        assertThat(FleetQuery.of(null, null, null, null, null, "\"><script>").after())
                .isEmpty();
    }

    @Test
    void htmlIsEscapedAsText() {
        assertThat(Html.text("<img src=x onerror=\"alert(1)\">&'"))
                .isEqualTo("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;");
        assertThat(Html.text("a\u001b[31mb")).isEqualTo("a\uFFFD[31mb");
    }
}
