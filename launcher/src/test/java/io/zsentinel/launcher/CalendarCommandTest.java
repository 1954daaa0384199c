package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code zsentinel calendar}: the next times of a Proxmox schedule, as {@code systemd-analyze calendar} shows them. */
class CalendarCommandTest {
    private static Cli.Result calendar(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "calendar";
        System.arraycopy(args, 0, all, 1, args.length);
        return Cli.execute(Map.of(), all);
    }

    private static List<String> next(Cli.Result r) throws Exception {
        List<String> times = new ArrayList<>();
        EventCodec.mapper().readTree(r.stdout()).path("next").forEach(t -> times.add(t.asText()));
        return times;
    }

    @Test
    void everyQuarterOfAnHourCountsFromTheGivenTime() throws Exception {
        Cli.Result r =
                calendar("*/15", "--from", "2026-12-03T10:07:00Z", "--timezone", "UTC", "--count", "3", "-o", "json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(next(r)).containsExactly("2026-12-03T10:15Z", "2026-12-03T10:30Z", "2026-12-03T10:45Z");
        JsonNode json = EventCodec.mapper().readTree(r.stdout());
        assertThat(json.path("schedule").asText()).isEqualTo("*/15");
        assertThat(json.path("typicalIntervalSeconds").asLong()).isEqualTo(900);
    }

    @Test
    void theTableShowsEachTimeAndHowFarAwayItIs() {
        Cli.Result r = calendar("mon..fri 8:00", "--from", "2026-12-04T09:00:00Z", "--timezone", "UTC", "--count", "2");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout())
                .contains("Schedule: mon..fri 8:00")
                .contains("Timezone: UTC")
                // Friday 09:00 -> Monday and Tuesday 08:00
                .containsPattern("Next: Mon 2026-12-07 08:00:00 UTC \\(in 2d23h\\)")
                .containsPattern("#2: Tue 2026-12-08 08:00:00 UTC \\(in 3d23h\\)");
    }

    @Test
    void aLocalStartAndTheNodesZoneAcrossTheEndOfSummerTime() throws Exception {
        // 2026-10-25: Europe/Berlin goes from +02:00 to +01:00 at 03:00 local
        Cli.Result r = calendar(
                "0:00", "--from", "2026-10-24 12:00", "--timezone", "Europe/Berlin", "--count", "2", "-o", "json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(next(r)).containsExactly("2026-10-25T00:00+02:00", "2026-10-26T00:00+01:00");
        assertThat(EventCodec.mapper().readTree(r.stdout()).path("from").asText())
                .isEqualTo("2026-10-24T10:00:00Z");
    }

    @Test
    void aScheduleInUtcIgnoresTheTimezone() throws Exception {
        Cli.Result r = calendar(
                "sat 2:30 UTC",
                "--from",
                "2026-12-03T00:00:00Z",
                "--timezone",
                "Asia/Tokyo",
                "--count",
                "1",
                "-o",
                "json");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(next(r)).containsExactly("2026-12-05T02:30Z");
        assertThat(EventCodec.mapper().readTree(r.stdout()).path("timezone").asText())
                .isEqualTo("UTC");
    }

    @Test
    void aDateInThePastNeverFiresAgain() throws Exception {
        Cli.Result r = calendar("2015-10-21", "--from", "2026-12-03T00:00:00Z", "--timezone", "UTC");
        assertThat(r.exit()).as(r.stderr()).isZero();
        assertThat(r.stdout()).contains("Next: never again");
        assertThat(next(calendar("2015-10-21", "--from", "2026-12-03T00:00:00Z", "-o", "json")))
                .isEmpty();
    }

    @Test
    void badInputExitsTwoAndSaysWhat() {
        Cli.Result schedule = calendar("25:00");
        assertThat(schedule.exit()).isEqualTo(2);
        assertThat(schedule.stderr()).contains("invalid schedule '25:00'");

        Cli.Result count = calendar("*/15", "--count", "0");
        assertThat(count.exit()).isEqualTo(2);
        assertThat(count.stderr()).contains("--count: must be 1-1000");

        Cli.Result zone = calendar("*/15", "--timezone", "Mars/Olympus");
        assertThat(zone.exit()).isEqualTo(2);
        assertThat(zone.stderr()).contains("--timezone: not a time zone: 'Mars/Olympus'");

        Cli.Result from = calendar("*/15", "--from", "yesterday");
        assertThat(from.exit()).isEqualTo(2);
        assertThat(from.stderr()).contains("--from: not a time: 'yesterday'");
    }
}
