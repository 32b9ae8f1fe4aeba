package io.printbridge.certs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EnrolmentCodeTest {

    private static final byte[] CA = Fingerprints.sha256(
            CertificateAuthority.create("test CA", Duration.ofDays(1)).certificate());

    @Test
    void aNewCodeIsSixGroupsOfFourWhoseLastTwelveSymbolsNameTheCa() {
        EnrolmentCode code = EnrolmentCode.create(CA);

        assertThat(code.text()).matches("([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}");
        assertThat(code.caPart()).isEqualTo(EnrolmentCode.caPartOf(CA));
        assertThat(code.namesCa(CA)).isTrue();
    }

    @Test
    void theCaPartIsTheFirstSixtyBitsOfTheFingerprint() {
        byte[] sha = new byte[32];
        sha[0] = (byte) 0xff; // 11111 111..
        sha[7] = 0x0f; // the last 4 bits of 64: not in the code
        assertThat(EnrolmentCode.caPartOf(sha)).isEqualTo("ZW0000000000");
        sha[7] = 0x10; // bit 60: the last bit of the code
        assertThat(EnrolmentCode.caPartOf(sha)).isEqualTo("ZW0000000001");
    }

    @Test
    void secretsAreRandom() {
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(EnrolmentCode.create(CA).secret());
        }
        assertThat(secrets).hasSize(1000);
    }

    @Test
    void readingForgivesCaseDashesSpacesAndAliases() {
        EnrolmentCode code = new EnrolmentCode("01ABCDEFGHJK", "MNPQRSTVWXYZ");

        assertThat(EnrolmentCode.parse("o1ab cdef-ghjk mnpq-rstv-wxyz")).isEqualTo(code);
        assertThat(EnrolmentCode.parse("OlAB-CDEF-GHJK-MNPQ-RSTV-WXYZ")).isEqualTo(code);
        assertThat(EnrolmentCode.parse("0IABCDEFGHJKMNPQRSTVWXYZ")).isEqualTo(code);
        assertThat(EnrolmentCode.parse(code.text())).isEqualTo(code);
    }

    @Test
    void theServerTakesTheSecretAloneOrTheWholeCode() {
        assertThat(EnrolmentCode.secretOf("01ab-cdef-ghjk")).isEqualTo("01ABCDEFGHJK");
        assertThat(EnrolmentCode.secretOf("01AB-CDEF-GHJK-MNPQ-RSTV-WXYZ")).isEqualTo("01ABCDEFGHJK");
        assertThatThrownBy(() -> EnrolmentCode.secretOf("01AB-CDEF-GHJ"))
                .hasMessage("enrolment code: 11 symbols (expected: the 12-symbol secret part, or the whole code "
                        + "XXXX-XXXX-XXXX-XXXX-XXXX-XXXX)");
    }

    @Test
    void aCodeOfTheWrongShapeIsRefusedSayingWhatShapeIsExpectedWithoutRepeatingIt() {
        assertThatThrownBy(() -> EnrolmentCode.parse("01AB-CDEF-GHJK-MNPQ-RSTV-WXY"))
                .hasMessageStartingWith("enrolment code: 23 symbols (expected: 24 letters and digits in groups of four,"
                        + " XXXX-XXXX-XXXX-XXXX-XXXX-XXXX");
        assertThatThrownBy(() -> EnrolmentCode.parse("01AB-CDEF-GHJK-MNPQ-RSTU-WXYZ"))
                .hasMessageStartingWith("enrolment code: character 24 is not a code symbol")
                .hasMessageNotContaining("RSTU");
        assertThatThrownBy(() -> EnrolmentCode.parse("01AB_CDEF"))
                .hasMessageStartingWith("enrolment code: character 5 is not a code symbol");
        assertThatThrownBy(() -> EnrolmentCode.parse("0".repeat(65)))
                .hasMessageStartingWith("enrolment code: 65 characters");
        assertThatThrownBy(() -> EnrolmentCode.parse("")).hasMessageStartingWith("enrolment code: 0 symbols");
    }

    @Test
    void theSecretIsHiddenInToStringAndStoredHashed() {
        EnrolmentCode code = new EnrolmentCode("01ABCDEFGHJK", "MNPQRSTVWXYZ");

        assertThat(code.toString()).doesNotContain("01AB").contains("MNPQ-RSTV-WXYZ");
        assertThat(EnrolmentCode.secretSha256Hex(code.secret()))
                .hasSize(64)
                .isEqualTo(EnrolmentCode.secretSha256Hex(EnrolmentCode.secretOf("01ab-cdef-ghjk")));
    }
}
