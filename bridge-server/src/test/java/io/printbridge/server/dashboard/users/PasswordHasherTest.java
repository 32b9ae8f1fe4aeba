package io.printbridge.server.dashboard.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1024, 1); // small: the cost is not under test

    @Test
    void aHashIsArgon2idWithItsParametersAndMatchesOnlyItsPassword() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).startsWith("$argon2id$v=19$m=1024,t=1,p=1$").doesNotContain("correct");
        assertThat(hasher.matches("correct horse battery", hash)).isTrue();
        assertThat(hasher.matches("correct horse batterY", hash)).isFalse();
    }

    @Test
    void twoHashesOfOnePasswordDifferByTheirSalt() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void aHashMadeWithOtherParametersStillMatches() {
        String older = new PasswordHasher(2048, 2).hash("kept across a cost change");

        assertThat(hasher.matches("kept across a cost change", older)).isTrue();
    }

    @Test
    void aMalformedOrOutOfBoundsHashMatchesNothing() {
        assertThat(hasher.matches("x", "")).isFalse();
        assertThat(hasher.matches("x", "$argon2id$v=19$m=1024,t=1,p=1$notbase64!$abc"))
                .isFalse();
        assertThat(hasher.matches("x", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$" + "A".repeat(43)))
                .isFalse();
        assertThat(hasher.matches("x", "$2a$10$bcryptlooking")).isFalse();
    }
}
