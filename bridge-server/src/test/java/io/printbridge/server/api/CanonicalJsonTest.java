package io.printbridge.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The one spelling the idempotency check hashes. */
class CanonicalJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String canonical(String json) throws Exception {
        return CanonicalJson.of(JSON.readTree(json));
    }

    @Test
    void keysAreSortedAtEveryDepthAndWhitespaceGoes() throws Exception {
        assertThat(
                        canonical(
                                "{ \"type\" : \"invoice\",\n \"invoice\": {\"number\":\"F-1\", \"lines\":[{\"quantity\":\"1\",\"amount\":\"2\"}]}}"))
                .isEqualTo(
                        "{\"invoice\":{\"lines\":[{\"amount\":\"2\",\"quantity\":\"1\"}],\"number\":\"F-1\"},\"type\":\"invoice\"}");
    }

    @Test
    void theSameJsonWrittenTwoWaysHasOneForm() throws Exception {
        assertThat(canonical("{\"pin\":2,\"type\":\"drawer\"}"))
                .isEqualTo(canonical("{\r\n\t\"type\":\"dr\\u0061wer\", \"pin\" : 2 }"));
    }

    @Test
    void arrayOrderStaysSignificant() throws Exception {
        assertThat(canonical("{\"jobs\":[{\"type\":\"status\"},{\"type\":\"drawer\"}]}"))
                .isNotEqualTo(canonical("{\"jobs\":[{\"type\":\"drawer\"},{\"type\":\"status\"}]}"));
    }

    @Test
    void keysSortByUtf16CodeUnitsSoCapitalsComeFirst() throws Exception {
        assertThat(canonical("{\"b\":1,\"a\":2,\"B\":3,\"é\":4}")).isEqualTo("{\"B\":3,\"a\":2,\"b\":1,\"é\":4}");
    }

    @Test
    void integersAreTheirDigitsAndFractionsStayApart() throws Exception {
        assertThat(canonical("[1, -0, 123456789012345678901234567890, 1.0, 1.50, true, null]"))
                .isEqualTo("[1,0,123456789012345678901234567890,1.0,1.5,true,null]");
    }

    @Test
    void stringsAreEscapedOneWay() throws Exception {
        assertThat(canonical("[\"tab\\there\", \"quote\\\"\", \"\\u00e9\", \"\\/\"]"))
                .isEqualTo("[\"tab\\there\",\"quote\\\"\",\"é\",\"/\"]");
    }
}
