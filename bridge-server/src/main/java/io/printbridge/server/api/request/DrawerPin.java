package io.printbridge.server.api.request;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A connector pin of the printer's drawer socket, where a cash drawer is wired: the pin a
 * {@link DrawerJob} pulses.
 *
 * <p>An enum rather than an {@code Integer} with {@code @Schema(allowableValues)}: micronaut-openapi
 * 6.20 lists an integer property's allowable values twice in the document ({@code [2, 5, 2, 5]}),
 * which breaks generated clients. The Jackson annotations tell it the JSON value is the number.
 */
@Schema(description = "A drawer connector pin of the printer.")
public enum DrawerPin {
    @JsonProperty("2")
    PIN_2(2),
    @JsonProperty("5")
    PIN_5(5);

    private final int number;

    DrawerPin(int number) {
        this.number = number;
    }

    /** The pin's number, as in the JSON. */
    @JsonValue
    public int getNumber() {
        return number;
    }

    /** The pin numbered {@code number}, if there is one. */
    public static Optional<DrawerPin> of(long number) {
        return Arrays.stream(values()).filter(p -> p.number == number).findFirst();
    }

    /** The pins as a message lists them: "2 or 5". */
    public static String listed() {
        return Arrays.stream(values()).map(p -> String.valueOf(p.number)).collect(Collectors.joining(" or "));
    }
}
