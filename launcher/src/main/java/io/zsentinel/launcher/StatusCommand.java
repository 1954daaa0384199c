package io.zsentinel.launcher;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.events.state.JobStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zsentinel status}: what the collector knows, as {@code pvesr status} prints it, plus RPO and chain. */
@Command(name = "status", description = "Show every job: pvesr status columns plus effective RPO and chain state.")
final class StatusCommand implements Callable<Integer> {
    enum Output { table, json }

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080", description = "the collector's API (default: ${DEFAULT-VALUE})")
    URI api;

    @Option(names = {"-o", "--output"}, defaultValue = "table", description = "table or json")
    Output output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<JobStatus> jobs = fetch();
        Instant now = clock.instant();
        if (output == Output.json) {
            ArrayNode array = EventCodec.mapper().createArrayNode();
            for (JobStatus job : jobs) {
                ObjectNode node = EventCodec.mapper().valueToTree(job);
                Long rpo = StatusTable.effectiveRpoSeconds(job, now);
                node.put("effectiveRpoSeconds", rpo);
                node.put("rpoBreached", rpo != null && rpo > job.rpoTargetSeconds());
                array.add(node);
            }
            spec.commandLine().getOut().println(EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(array));
        } else {
            spec.commandLine().getOut().print(StatusTable.render(jobs, now, ZoneId.systemDefault()));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private List<JobStatus> fetch() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI uri = api.resolve("/api/v1/jobs");
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new IOException("the collector does not answer at " + uri + " (is zsentinel running? --api URL)", e);
        }
        if (response.statusCode() != 200) {
            // the API says why ({"error": ...}), e.g. 503 while the collector starts
            String why = "";
            try {
                why = EventCodec.mapper().readTree(response.body()).path("error").asText("");
            } catch (IOException notJson) {
                // no reason given
            }
            throw new IOException(uri + " answered " + response.statusCode() + (why.isEmpty() ? "" : ": " + why));
        }
        JsonNode body = EventCodec.mapper().readTree(response.body());
        JsonNode list = body.isArray() ? body : body.path("jobs");
        return EventCodec.mapper().convertValue(list, new TypeReference<List<JobStatus>>() {});
    }
}
