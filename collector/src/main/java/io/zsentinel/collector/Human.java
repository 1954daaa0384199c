package io.zsentinel.collector;

import java.util.Locale;

/** Durations and sizes as a person reads them in a one-line summary. */
public final class Human {
    private Human() {}

    /** {@code 45s}, {@code 21m}, {@code 1h5m}, {@code 2d3h}. */
    public static String duration(long seconds) {
        if (seconds < 0) {
            return "-" + duration(-seconds);
        }
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + "h" + (minutes % 60 == 0 ? "" : (minutes % 60) + "m");
        }
        return hours / 24 + "d" + (hours % 24 == 0 ? "" : (hours % 24) + "h");
    }

    /** {@code 512 B}, {@code 1.5 GiB}. */
    public static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int unit = 0;
        while (Math.abs(value) >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
