package io.zsentinel.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Rfc3339#parseInstant} is {@link Instant#parse}: the same instant or the same error, for any text. */
class Rfc3339Test {
    @ParameterizedTest
    @ValueSource(strings = {"2025-11-26T07:00:01Z", "2025-11-26T07:00:01.2Z", "2025-11-26T07:00:01.204Z",
            "2025-11-26T07:00:01.123456Z", "2025-11-26T07:00:01.123456789Z", "2025-11-26T07:00:01.000000001Z",
            "2025-11-26T07:00:01.1234567891Z", "2025-11-26T07:00:01.Z", "2025-11-26T07:00:01,5Z", "2025-11-26T07:00:01",
            "2025-11-26T07:00:01+02:00", "2025-11-26T07:00:01.5-05:30", "2025-11-26T07:00:01+00:00", "2025-11-26t07:00:01z",
            "2025-11-26 07:00:01Z", "2025-11-26T07:00Z", "2025-11-26T7:00:01Z", "2025-1-26T07:00:01Z",
            "2024-02-29T00:00:00Z", "2025-02-29T00:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
            "2025-04-31T00:00:00Z", "2025-00-10T00:00:00Z", "2025-13-10T00:00:00Z", "2025-11-00T00:00:00Z",
            "2025-11-26T24:00:00Z", "2025-11-26T23:60:00Z", "2025-12-31T23:59:60Z", "2025-11-26T07:00:61Z",
            "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "1970-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "2025-11-26",
            "", "Z", "2025-11-26T07:00:01.ZZ", "\u0662025-11-26T07:00:01Z", "2025-11-26T07:00:0\u0661Z",
            "2025-11-26T07:00:01.12345678aZ", "2025-11-26T07:00:01.-1Z", "20251126T070001Z", "2025-11-26T07:00:01Z "})
    void parsesAsInstantParseDoes(String text) {
        assertThat(outcome(() -> Rfc3339.parseInstant(text))).isEqualTo(outcome(() -> Instant.parse(text)));
    }

    @Test
    void parsesEveryInstantToStringAndMutationsOfItAsInstantParseDoes() {
        Random random = new Random(1764140400L);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        String alphabet = "0123456789-:.TZtz+ ";
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            long nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000L;
                case 2 -> random.nextInt(1_000_000) * 1_000L;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(min + Math.floorMod(random.nextLong(), max - min + 1), nanos);
            String text = instant.toString();
            // the form Instant.toString writes is read by hand, not by Instant.parse
            if (!instant.equals(Rfc3339.parseCanonical(text)) || !Rfc3339.parseInstant(text).equals(instant)) {
                mismatches.add(text);
            }
            char[] mutated = text.toCharArray();
            mutated[random.nextInt(mutated.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            String other = new String(mutated);
            if (!outcome(() -> Rfc3339.parseInstant(other)).equals(outcome(() -> Instant.parse(other)))) {
                mismatches.add(other);
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** The instant, or the error's class and message. */
    private static Object outcome(Callable<Instant> parse) {
        try {
            return parse.call();
        } catch (Exception e) {
            return e.getClass() + ": " + e.getMessage();
        }
    }
}
