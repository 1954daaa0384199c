package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.common.config.Durations;
import io.zsentinel.events.EventCodec;
import io.zsentinel.executor.calendar.CalendarEvent;
import io.zsentinel.executor.calendar.ScheduleParseException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code zsentinel calendar EXPR}: the next times a Proxmox schedule fires, as
 * {@code systemd-analyze calendar} shows them, computed by the executor's own calendar
 * ({@link CalendarEvent}) so what it prints is what the executor will do.
 */
@Command(name = "calendar", description = "Show the next times a Proxmox calendar event (a job's schedule) fires.")
final class CalendarCommand implements Callable<Integer> {
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss zzz", Locale.ROOT);

    @Parameters(index = "0", paramLabel = "EXPR", description = "the schedule, e.g. '*/15' or 'mon..fri 8..17:00/30'")
    String expression;

    @Option(
            names = "--from",
            paramLabel = "TIME",
            description =
                    "count from this time (RFC 3339, or a local 'YYYY-MM-DD HH:MM[:SS]' in --timezone; default: now)")
    String from;

    @Option(
            names = "--count",
            defaultValue = "5",
            description = "how many times to show, 1-1000 (default: ${DEFAULT-VALUE})")
    int count;

    @Option(
            names = "--timezone",
            paramLabel = "ZONE",
            description =
                    "the node's time zone, e.g. Europe/Berlin (default: this machine's); a schedule ending in UTC ignores it")
    String timezone;

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemDefaultZone();

    @Override
    public Integer call() throws Exception {
        CalendarEvent event;
        try {
            event = CalendarEvent.parse(expression);
        } catch (ScheduleParseException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (count < 1 || count > 1000) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--count: must be 1-1000, got " + count);
        }
        ZoneId local = zone();
        ZoneId shownIn = event.utc() ? ZoneId.of("UTC") : local;
        Instant start = start(local);
        List<Instant> next = new ArrayList<>();
        Instant cursor = start;
        while (next.size() < count) {
            Optional<Instant> n = event.next(cursor, local);
            if (n.isEmpty()) {
                break;
            }
            next.add(n.get());
            cursor = n.get();
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json()) {
            ObjectNode node = EventCodec.mapper().createObjectNode();
            node.put("schedule", event.text());
            node.put("timezone", shownIn.getId());
            node.put("from", start.toString());
            node.put("typicalIntervalSeconds", event.typicalInterval().toSeconds());
            ArrayNode times = node.putArray("next");
            next.forEach(t -> times.add(
                    ZonedDateTime.ofInstant(t, shownIn).toOffsetDateTime().toString()));
            OutputOption.printJson(out, node);
        } else {
            out.printf("    Schedule: %s%n", event.text());
            out.printf("    Timezone: %s%s%n", shownIn.getId(), event.utc() ? " (the schedule says UTC)" : "");
            out.printf("        From: %s%n", SHOWN.format(ZonedDateTime.ofInstant(start, shownIn)));
            out.printf("    Interval: at most %s between two runs%n", Durations.format(event.typicalInterval()));
            for (int i = 0; i < next.size(); i++) {
                Instant t = next.get(i);
                out.printf(
                        "%12s %s (in %s)%n",
                        i == 0 ? "Next:" : "#" + (i + 1) + ":",
                        SHOWN.format(ZonedDateTime.ofInstant(t, shownIn)),
                        Durations.format(Duration.between(start, t)));
            }
            if (next.size() < count) {
                out.printf("%12s never again%n", next.isEmpty() ? "Next:" : "then:");
            }
            out.flush();
        }
        return 0;
    }

    private ZoneId zone() {
        if (timezone == null) {
            return clock.getZone();
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--timezone: not a time zone: '" + timezone + "' (e.g. Europe/Berlin, UTC, +02:00)");
        }
    }

    private Instant start(ZoneId local) {
        if (from == null) {
            return clock.instant();
        }
        try {
            return OffsetDateTime.parse(from).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                String iso = from.strip().replace(' ', 'T');
                return LocalDateTime.parse(iso.length() == 16 ? iso + ":00" : iso)
                        .atZone(local)
                        .toInstant();
            } catch (DateTimeParseException notLocal) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--from: not a time: '" + from
                                + "' (RFC 3339 like 2026-12-03T08:00:00Z, or local like '2026-12-03 08:00')");
            }
        }
    }
}
