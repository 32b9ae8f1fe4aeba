package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A token's stores: every store only where {@code *} is written, never because a list is empty. */
class TokenStoresTest {

    @Test
    void anEmptyListReachesNoStore() {
        TokenStores stores = TokenStores.read(List.of());

        assertThat(stores.isNone()).isTrue();
        assertThat(stores.includes("alger-01")).isFalse();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", ",", " , ", ",,"})
    void aStoredListOfBlanksReachesNoStore(String stored) {
        assertThat(TokenStores.read(stored).includes("alger-01")).isFalse();
    }

    @Test
    void aStarReachesEveryStore() {
        assertThat(TokenStores.read(List.of("*")).includes("any-store")).isTrue();
        assertThat(TokenStores.read("*").asList()).containsExactly("*");
    }

    @Test
    void namedStoresReachOnlyThemselves() {
        TokenStores stores = TokenStores.read("alger-01, setif-04");

        assertThat(stores.includes("alger-01")).isTrue();
        assertThat(stores.includes("setif-04")).isTrue();
        assertThat(stores.includes("oran-02")).isFalse();
        assertThat(stores.joined()).isEqualTo("alger-01,setif-04");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", ",", " ", " , ,"})
    void aNewTokenWhoseListNamesNoStoreIsRefused(String given) {
        assertThatThrownBy(() -> TokenStores.requireForNewToken("--stores", given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("--stores: \"" + given + "\" names no store")
                .hasMessageContaining("expected: store ids separated by commas, or * for every store");
    }

    @Test
    void aNewTokenMayNotMixTheStarWithStores() {
        assertThatThrownBy(() -> TokenStores.requireForNewToken("stores", List.of("*", "alger-01")))
                .hasMessage("stores: \"*,alger-01\" (expected: * alone, or store ids)");
    }

    @Test
    void aNewTokenNamesWhichStoreIdsAreInvalid() {
        assertThatThrownBy(() -> TokenStores.requireForNewToken("--stores", "alger-01,Setif_04"))
                .hasMessageStartingWith("--stores: [Setif_04] (expected: store ids of 1-63 lowercase letters");
    }

    @Test
    void aNewTokenSkipsBlankEntriesAroundRealOnes() {
        assertThat(TokenStores.requireForNewToken("--stores", "alger-01, ,setif-04,")
                        .asList())
                .containsExactly("alger-01", "setif-04");
        assertThat(TokenStores.requireForNewToken("--stores", " * ").all()).isTrue();
    }

    @Test
    void everyStoreHoldsNoIds() {
        assertThatThrownBy(() -> new TokenStores(true, java.util.Set.of("alger-01")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
