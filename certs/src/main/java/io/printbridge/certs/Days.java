package io.printbridge.certs;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --days N}: a validity in whole days above 0. */
final class Days implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            long days = Long.parseLong(value);
            if (days > 0) {
                return Duration.ofDays(days);
            }
        } catch (NumberFormatException ignored) {
            // falls through to the message below
        }
        throw new TypeConversionException("\"" + value + "\" (expected: a whole number of days above 0)");
    }
}
