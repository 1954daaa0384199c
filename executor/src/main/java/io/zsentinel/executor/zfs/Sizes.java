package io.zsentinel.executor.zfs;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte counts as ZFS prints them: exact ({@code -p}: {@code 503316480}) or human, base 1024
 * ({@code 480M}, {@code 1.2G}, {@code 63.5K}, {@code 0B}, {@code 16.0E}); {@code -} means
 * "not applicable" and parses to null.
 */
public final class Sizes {
    private static final Pattern HUMAN = Pattern.compile("(\\d+(?:\\.\\d+)?)([BKMGTPEZ]?)(?:I?B)?");
    private static final String UNITS = "BKMGTPE";

    private Sizes() {}

    public static Long parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip().toUpperCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("-") || s.equals("NONE")) {
            return null;
        }
        Matcher m = HUMAN.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (e.g. 503316480, 480M, 1.2G)");
        }
        int power = m.group(2).isEmpty() ? 0 : UNITS.indexOf(m.group(2));
        if (power < 0) {
            throw new IllegalArgumentException("'" + text + "': unit " + m.group(2) + " is too large");
        }
        return new BigDecimal(m.group(1))
                .multiply(BigDecimal.valueOf(1024L).pow(power))
                .setScale(0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
    }
}
