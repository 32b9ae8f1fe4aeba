package io.printbridge.core.words;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads French number words back into a number. Written independently of the code under test
 * (additive, word by word) so that a round trip through both checks the value of the words.
 */
final class FrenchWordsReader {
    private static final Pattern SENTENCE = Pattern.compile(
            "Arrêtée la présente facture à la somme de : (.+?) (?:de )?dinars?(?: et (.+) centimes?)?\\.");
    private static final Map<String, Integer> WORDS = Map.ofEntries(
            Map.entry("zéro", 0),
            Map.entry("un", 1),
            Map.entry("deux", 2),
            Map.entry("trois", 3),
            Map.entry("quatre", 4),
            Map.entry("cinq", 5),
            Map.entry("six", 6),
            Map.entry("sept", 7),
            Map.entry("huit", 8),
            Map.entry("neuf", 9),
            Map.entry("dix", 10),
            Map.entry("onze", 11),
            Map.entry("douze", 12),
            Map.entry("treize", 13),
            Map.entry("quatorze", 14),
            Map.entry("quinze", 15),
            Map.entry("seize", 16),
            Map.entry("vingt", 20),
            Map.entry("vingts", 20),
            Map.entry("trente", 30),
            Map.entry("quarante", 40),
            Map.entry("cinquante", 50),
            Map.entry("soixante", 60));

    private FrenchWordsReader() {}

    /** The amount in centimes of a closing sentence. */
    static long sentenceCentimes(String sentence) {
        Matcher matcher = SENTENCE.matcher(sentence);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an invoice sentence: " + sentence);
        }
        long centimes = matcher.group(2) == null ? 0 : number(matcher.group(2));
        return number(matcher.group(1)) * 100 + centimes;
    }

    static long number(String words) {
        long total = 0;
        long current = 0;
        String previous = "";
        for (String word : words.split("[ -]")) {
            switch (word) {
                case "et" -> {}
                case "cent", "cents" -> current = Math.max(current, 1) * 100;
                case "mille" -> {
                    total += Math.max(current, 1) * 1000;
                    current = 0;
                }
                case "million", "millions" -> {
                    total += current * 1_000_000;
                    current = 0;
                }
                case "milliard", "milliards" -> {
                    total += current * 1_000_000_000;
                    current = 0;
                }
                default -> {
                    Integer value = WORDS.get(word);
                    if (value == null) {
                        throw new IllegalArgumentException("unknown word \"" + word + "\" in: " + words);
                    }
                    // quatre-vingt: the 4 already added becomes 80.
                    current += value == 20 && previous.equals("quatre") ? 76 : value;
                }
            }
            previous = word;
        }
        return total + current;
    }
}
