package io.printbridge.core.layout;

/** A full-width line of one repeated character, e.g. '-' between sections. */
public record RuleBlock(char character) implements Block {

    public RuleBlock {
        if (character < 0x21 || character > 0x7E) {
            throw new IllegalArgumentException(
                    "character: U+" + Integer.toHexString(character) + " (expected: a visible ASCII character)");
        }
    }
}
