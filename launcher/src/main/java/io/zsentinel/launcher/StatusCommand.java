package io.zsentinel.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.state.JobStatus;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zsentinel status}: what the collector knows, as {@code pvesr status} prints it, plus RPO, chain and findings. */
@Command(name = "status", description = "Show every job: pvesr status columns plus effective RPO and chain state.")
final class StatusCommand implements Callable<Integer> {
    @Option(
            names = "--api",
            defaultValue = "http://127.0.0.1:8080",
            description = "the collector's API (default: ${DEFAULT-VALUE})")
    URI api;

    @Mixin
    OutputOption output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<JobStatus> jobs = fetch();
        Map<String, List<String>> findings = findingsByJob();
        Instant now = clock.instant();
        if (output.json()) {
            ArrayNode array = EventCodec.mapper().createArrayNode();
            for (JobStatus job : jobs) {
                ObjectNode node = EventCodec.mapper().valueToTree(job);
                Long rpo = StatusTable.effectiveRpoSeconds(job, now);
                node.put("effectiveRpoSeconds", rpo);
                node.put("rpoBreached", rpo != null && rpo > job.rpoTargetSeconds());
                ArrayNode names = node.putArray("findings");
                findings.getOrDefault(job.job(), List.of()).stream().sorted().forEach(names::add);
                array.add(node);
            }
            OutputOption.printJson(spec.commandLine().getOut(), array);
        } else {
            spec.commandLine().getOut().print(StatusTable.render(jobs, findings, now, ZoneId.systemDefault()));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The names of the findings that fire, per job key. */
    private Map<String, List<String>> findingsByJob() throws IOException, InterruptedException {
        Map<String, List<String>> byJob = new TreeMap<>();
        for (JsonNode f : new HttpApi(api, "the collector", "--api")
                .get("/api/v1/findings")
                .path("findings")) {
            String job = f.path("labels").path("job").asText(null);
            if (job != null) {
                byJob.computeIfAbsent(job, k -> new ArrayList<>())
                        .add(f.path("name").asText());
            }
        }
        return byJob;
    }

    private List<JobStatus> fetch() throws IOException, InterruptedException {
        JsonNode body = new HttpApi(api, "the collector", "--api").get("/api/v1/jobs");
        JsonNode list = body.isArray() ? body : body.path("jobs");
        return EventCodec.mapper().convertValue(list, new TypeReference<List<JobStatus>>() {});
    }
}
