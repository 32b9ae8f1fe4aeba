package io.printbridge.agent.enrol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agent's properties file, changed in place: the settings given replace the lines that set
 * them (the first; later ones are dropped), those not yet there are added at the end under a
 * comment, and every other line (printers, comments) is kept as it was. Written whole or not at all.
 */
final class AgentConfigFile {

    private AgentConfigFile() {}

    /**
     * Sets {@code settings} in {@code file} (created if missing).
     *
     * @param note comment lines written above the added settings
     */
    static void update(Path file, Map<String, String> settings, List<String> note) throws IOException {
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        Map<String, String> left = new LinkedHashMap<>(settings);
        Set<String> keys = settings.keySet();
        List<String> out = new ArrayList<>();
        boolean continued = false; // the previous line ends with a backslash: this one is part of its value
        boolean dropping = false; // and that value belongs to a setting replaced
        for (String line : lines) {
            boolean partOfPrevious = continued;
            continued = endsWithContinuation(line);
            if (partOfPrevious) {
                if (!dropping) {
                    out.add(line);
                }
                continue;
            }
            String key = keyOf(line);
            dropping = key != null && keys.contains(key);
            if (dropping) {
                String value = left.remove(key);
                if (value != null) {
                    out.add(key + "=" + value);
                }
                continue;
            }
            out.add(line);
        }
        if (!left.isEmpty()) {
            if (!out.isEmpty() && !out.get(out.size() - 1).isBlank()) {
                out.add("");
            }
            note.forEach(line -> out.add("# " + line));
            left.forEach((key, value) -> out.add(key + "=" + value));
        }
        PrivateFiles.write(file, String.join(System.lineSeparator(), out) + System.lineSeparator(), false);
    }

    /** The key a properties line sets, or null for a comment or a blank line. */
    private static @org.jspecify.annotations.Nullable String keyOf(String line) {
        String trimmed = line.stripLeading();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("!")) {
            return null;
        }
        int end = 0;
        while (end < trimmed.length() && "=: \t".indexOf(trimmed.charAt(end)) < 0) {
            end++;
        }
        return trimmed.substring(0, end);
    }

    private static boolean endsWithContinuation(String line) {
        int backslashes = 0;
        for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
