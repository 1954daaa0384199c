package io.zsentinel.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.data.FindingData;
import io.zsentinel.events.data.FindingNames;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zsentinel findings}: what fires now, from the collector's API, the most severe first. */
@Command(name = "findings", description = "Show the findings that fire now (RPO breaches, chain state, stalls, space).")
final class FindingsCommand implements Callable<Integer> {
    private static final String[] HEADER = {"Severity", "Finding", "Subject", "Since", "Summary"};

    @Option(
            names = "--api",
            defaultValue = "http://127.0.0.1:8080",
            description = "the collector's API (default: ${DEFAULT-VALUE})")
    URI api;

    @Option(names = "--name", paramLabel = "FINDING", description = "only this finding, e.g. chain.broken (repeatable)")
    List<String> names = new ArrayList<>();

    @Mixin
    OutputOption output;

    @Spec
    CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        JsonNode body = new HttpApi(api, "the collector", "--api").get("/api/v1/findings");
        List<FindingData> findings =
                EventCodec.mapper()
                        .convertValue(body.path("findings"), new TypeReference<List<FindingData>>() {})
                        .stream()
                        .filter(f -> names.isEmpty() || names.contains(f.name()))
                        .sorted(Comparator.comparingInt((FindingData f) -> rank(f.severity()))
                                .thenComparing(FindingData::startsAt)
                                .thenComparing(FindingData::fingerprint))
                        .toList();
        if (output.json()) {
            OutputOption.printJson(spec.commandLine().getOut(), findings);
            return 0;
        }
        Instant now = clock.instant();
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (FindingData f : findings) {
            rows.add(new String[] {
                f.severity(),
                f.name(),
                subject(f),
                StatusTable.human(
                                Math.max(0, Duration.between(f.startsAt(), now).getSeconds())) + " ago",
                Columns.oneLine(f.summary(), 80)
            });
        }
        spec.commandLine().getOut().print(findings.isEmpty() ? "no finding fires\n" : Columns.align(rows));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** What the finding is about: the job, else the pool (node/pool), else the executor. */
    static String subject(FindingData f) {
        for (String label : List.of("job", "poolkey", "executor")) {
            String value = f.labels().get(label);
            if (value != null) {
                return value;
            }
        }
        return "-";
    }

    /** critical first, then warning, then anything else. */
    private static int rank(String severity) {
        return switch (severity) {
            case FindingNames.CRITICAL -> 0;
            case FindingNames.WARNING -> 1;
            default -> 2;
        };
    }
}
