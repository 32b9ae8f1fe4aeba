package io.printbridge.server.dashboard;

import org.jspecify.annotations.Nullable;

/**
 * Text into HTML. Every value a page shows goes through {@link #text}: store ids, hostnames,
 * printer names, error messages and anything else an agent or the ERP wrote, so
 * {@code <img src=x onerror=alert(1)>} shows as those characters and never becomes markup. The
 * same escaping is safe inside a double-quoted attribute value.
 */
final class Html {

    private Html() {}

    static String text(@Nullable Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append('\uFFFD'); // control characters from a device: shown, never acted on
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A value for a URL's path segment or query: letters, digits and {@code -._~} as they are. */
    static String url(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
