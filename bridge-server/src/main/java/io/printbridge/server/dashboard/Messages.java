package io.printbridge.server.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The dashboard's words in the user's language: French by default (the shops'), English on
 * request, from {@code dashboard/messages*.properties}. Placeholders are {@code {0}}, {@code {1}}…
 * replaced as they are (not {@link java.text.MessageFormat}, which would eat French apostrophes).
 * What is put in them is text to escape, like any value.
 */
final class Messages {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;
    private final Locale locale;
    private final ZoneId zone;
    private final DateTimeFormatter dateTime;

    private Messages(Locale locale, ZoneId zone) {
        this.locale = "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.FRENCH;
        this.zone = zone;
        this.bundle = ResourceBundle.getBundle("dashboard.messages", this.locale, NO_FALLBACK);
        this.dateTime = DateTimeFormatter.ofPattern(
                        this.locale == Locale.ENGLISH ? "yyyy-MM-dd HH:mm:ss" : "dd/MM/yyyy HH:mm:ss", this.locale)
                .withZone(zone);
    }

    static Messages of(Locale locale, ZoneId zone) {
        return new Messages(locale, zone);
    }

    String language() {
        return locale.getLanguage();
    }

    /** The message {@code key} with {@code args} in its placeholders; the key itself if missing (seen, not fatal). */
    String get(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            text = key;
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    /** A time in the user's zone, with the zone's offset name for the reader. */
    String time(Instant at) {
        return dateTime.format(at);
    }

    ZoneId zone() {
        return zone;
    }
}
