package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the job API accepts as a JSON body, and how it says what it refuses. */
class StrictJsonReaderTest {

    private final StrictJsonReader reader = new StrictJsonReader(new ObjectMapper());

    private ApiException refusal(byte[] body) {
        ApiException refusal = catchThrowableOfType(ApiException.class, () -> reader.read(body));
        assertThat(refusal)
                .as("refused: %s", new String(body, StandardCharsets.ISO_8859_1))
                .isNotNull();
        assertThat(refusal.code()).isEqualTo("MALFORMED_JSON");
        return refusal;
    }

    private static byte[] bytes(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] b ? b : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    @Test
    void oneObjectWithTrailingWhitespaceIsRead() {
        assertThat(reader.read(bytes("\r\n {\"type\":\"status\",\"printer\":\"caisse-é\"} \n\t"))
                        .toString())
                .isEqualTo("{\"type\":\"status\",\"printer\":\"caisse-é\"}");
    }

    @Test
    void anEmptyBodyReadsAsNull() {
        assertThat(reader.read(bytes("  ")).isNull()).isTrue();
    }

    @Test
    void contentAfterTheValueIsRefusedWithItsOffset() {
        assertThat(refusal(bytes("{\"type\":\"status\"}  xyz")).getMessage())
                .isEqualTo(
                        "request body: more content after the JSON value at byte offset 19 (expected: one JSON value, then nothing but whitespace)");
    }

    @Test
    void aSecondObjectIsRefused() {
        assertThat(refusal(bytes("{\"type\":\"status\"}{\"type\":\"drawer\"}")).getMessage())
                .startsWith("request body: more content after the JSON value at byte offset 17 ");
    }

    @Test
    void anOverlongSlashIsRefusedNamingTheByteAndItsOffset() {
        assertThat(refusal(bytes("{\"data\":\"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"))
                        .getMessage())
                .isEqualTo("request body: byte C0 at byte offset 9 is not valid UTF-8 (expected: JSON text in UTF-8)");
    }

    @Test
    void aSurrogateEncodedInUtf8IsRefused() {
        assertThat(refusal(bytes("[\"", new byte[] {(byte) 0xED, (byte) 0xB0, (byte) 0x80}, "\"]"))
                        .getMessage())
                .startsWith("request body: bytes ED B0 80 at byte offset 2 are not valid UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"80", "BF", "E2 82", "F0 9F 98", "F4 90 80 80", "E0 80 AF", "F8 88 80 80 80", "FE", "FF"})
    void anyOtherSequenceThatIsNotUtf8IsRefused(String hex) {
        byte[] sequence = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);

        assertThat(refusal(bytes("[\"", sequence, "\"]")).getMessage())
                .contains("at byte offset 2")
                .contains("not valid UTF-8");
    }

    @Test
    void utf16IsRefusedRatherThanGuessed() {
        assertThat(refusal("{\"type\":\"status\"}".getBytes(StandardCharsets.UTF_16LE))
                        .getMessage())
                .isEqualTo(
                        "request body: byte 00 at byte offset 1 (expected: JSON text in UTF-8, which never holds a NUL byte)");
    }

    @Test
    void aDuplicateKeyIsRefusedWithItsPointerAtAnyDepth() {
        assertThat(refusal(bytes("{\"jobs\":[{\"type\":\"status\"},{\"type\":\"drawer\",\"type\":\"status\"}]}"))
                        .getMessage())
                .isEqualTo("request body: key \"type\" twice in the same object at /jobs/1/type (byte offset 50) "
                        + "(expected: each key at most once per object)");
    }

    @Test
    void brokenJsonSaysWhereJacksonStopped() {
        assertThat(refusal(bytes("{not json")).getMessage())
                .startsWith("request body is not valid JSON (byte offset 1): Unexpected character ('n'");
    }
}
