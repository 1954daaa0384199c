package io.zsentinel.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.zsentinel.events.EventCodec;
import io.zsentinel.launcher.e2e.E2eConfig;
import io.zsentinel.launcher.e2e.E2eConfig.Job;
import io.zsentinel.launcher.e2e.LabFaults;
import io.zsentinel.launcher.e2e.LabZfs;
import io.zsentinel.launcher.e2e.Secrets;
import io.zsentinel.testkit.lab.Lab;
import io.zsentinel.testkit.lab.LabDescriptor;
import io.zsentinel.testkit.lab.LabExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zsentinel preflight} on the lab: a good job passes every check, and each failing check
 * is provoked for real (a missing disk, a stopped sshd, a host key that is not the pinned one, a
 * target pool that is full), each time with the scratch datasets gone from both nodes after.
 */
@ExtendWith(LabExtension.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PreflightLabTest {
    private static final String GOOD = "320";
    private static final String MISSING = "321";
    private static final String FILLER = "rpool/zsentinel-preflight-filler";
    /** A well-formed SHA256 fingerprint that no lab node has. */
    private static final String OTHER_KEY = "SHA256:" + "A".repeat(43);
    /** The configuration's command secret comes from there (preflight reads, never uses it). */
    private static final Map<String, String> ENVIRONMENT = Secrets.generate().environment();

    @TempDir
    Path dir;

    private Lab lab;
    private LabZfs zfs;
    private List<LabDescriptor.Node> nodes;
    private Job good;
    private Job missing;

    @BeforeEach
    void guests(Lab lab) {
        this.lab = lab;
        zfs = new LabZfs(lab);
        nodes = lab.nodeNames().stream().map(lab::info).toList();
        good = new Job(GOOD, nodes.get(0), nodes.get(1), E2eConfig.SCHEDULE, 0);
        missing = new Job(MISSING, nodes.get(0), nodes.get(1), E2eConfig.SCHEDULE, 0);
        cleanUp();
        zfs.createWithData(good.source().name(), good.dataset(), 2);
    }

    @AfterEach
    void cleanUp() {
        lab.sshdStart(nodes.get(1).name());
        for (LabDescriptor.Node node : nodes) {
            zfs.destroyAll(node.name(), good.dataset());
            zfs.destroyAll(node.name(), missing.dataset());
            zfs.destroyAll(node.name(), FILLER);
        }
    }

    @Test
    void aGoodJobPassesEveryCheckAndLeavesNothingBehind() throws Exception {
        Cli.Result r = preflight(config(good, c -> {}), "-o", "json");
        assertThat(r.exit()).as(r.stdout() + r.stderr()).isZero();
        JsonNode job = EventCodec.mapper().readTree(r.stdout()).get(0);
        assertThat(job.path("job").asText()).isEqualTo(good.key());
        assertThat(job.path("status").asText()).isEqualTo("OK");
        List<String> names = new ArrayList<>();
        job.path("checks").forEach(c -> {
            names.add(c.path("name").asText());
            assertThat(c.path("status").asText()).as(c.toString()).isEqualTo("OK");
        });
        assertThat(names)
                .contains(
                        "ssh " + good.source().name(),
                        "ssh " + good.target().name(),
                        "disk " + good.dataset(),
                        "replica " + good.target().name() + ":" + good.dataset(),
                        "space " + good.target().name() + ":rpool",
                        "transfer " + good.source().name() + " -> "
                                + good.target().name(),
                        "schedule " + E2eConfig.SCHEDULE);
        String transfer = check(job, "transfer").path("measured").asText();
        assertThat(transfer)
                .containsPattern("^\\d+\\.\\d MB/s \\(4\\.0 MiB in ")
                .contains("first sync of");
        assertNoScratchLeft();

        Cli.Result table = preflight(config(good, c -> {}));
        assertThat(table.exit()).isZero();
        assertThat(table.stdout()).startsWith("OK " + good.key()).containsPattern("\\n  OK    disk " + good.dataset());
    }

    @Test
    void aMissingDiskFails() throws Exception {
        Cli.Result r = preflight(config(missing, c -> {}));
        assertThat(r.exit()).as(r.stdout()).isEqualTo(2);
        assertThat(r.stdout())
                .startsWith("FAIL " + missing.key())
                .containsPattern("FAIL  disk " + missing.dataset() + "\\s+does not exist on "
                        + missing.source().name())
                .contains("fix: the job's datasets are the guest's disks");
        assertNoScratchLeft();
    }

    @Test
    void aStoppedSshdFails() throws Exception {
        Path file = config(good, c -> {});
        lab.sshdStop(good.target().name());
        Cli.Result r;
        try {
            r = preflight(file);
        } finally {
            lab.sshdStart(good.target().name());
        }
        assertThat(r.exit()).as(r.stdout()).isEqualTo(2);
        assertThat(r.stdout())
                .containsPattern("FAIL  ssh " + good.target().name())
                .contains("fix: is sshd running on " + good.target().name());
        assertNoScratchLeft();
    }

    @Test
    void aHostKeyThatIsNotThePinnedOneFails() throws Exception {
        Path file = config(
                good,
                yaml -> nodesOf(yaml).stream()
                        .filter(n -> n.get("name").equals(good.target().name()))
                        .forEach(n -> n.put("hostKeyFingerprint", OTHER_KEY)));
        Cli.Result r = preflight(file);
        assertThat(r.exit()).as(r.stdout()).isEqualTo(2);
        assertThat(r.stdout())
                .containsPattern("FAIL  ssh " + good.target().name())
                .contains("not the pinned " + OTHER_KEY);
        assertNoScratchLeft();
    }

    @Test
    void aFullTargetPoolFailsTheSpaceCheck() throws Exception {
        new LabFaults(zfs).fillPool(good.target().name(), FILLER);
        Cli.Result r = preflight(config(good, c -> {}));
        assertThat(r.exit()).as(r.stdout()).isEqualTo(2);
        assertThat(r.stdout())
                .containsPattern("FAIL  space " + good.target().name()
                        + ":rpool\\s+\\S+ \\S+ available to datasets \\(.* free in the pool\\), \\S+ \\S+ needed")
                .contains("fix: free ");
        assertNoScratchLeft();
    }

    private Cli.Result preflight(Path config, String... more) {
        List<String> args = new ArrayList<>(List.of("preflight", "--config", config.toString(), "--scratch-mib", "4"));
        args.addAll(List.of(more));
        return Cli.execute(ENVIRONMENT, args.toArray(String[]::new));
    }

    private Path config(Job job, Consumer<Map<String, Object>> change) throws Exception {
        E2eConfig.Spec spec = new E2eConfig.Spec(
                        dir.resolve("state"), Map.of("bootstrap", "127.0.0.1:9"), "http://127.0.0.1:9/", 9)
                .executor(E2eConfig.EXECUTOR_ID, List.of(job));
        Map<String, Object> yaml = E2eConfig.executorOnly(spec);
        change.accept(yaml);
        return E2eConfig.write(yaml, dir.resolve("preflight.yaml"));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> nodesOf(Map<String, Object> yaml) {
        return (List<Map<String, Object>>) ((Map<String, Object>) yaml.get("executor")).get("nodes");
    }

    private static JsonNode check(JsonNode job, String prefix) {
        for (JsonNode c : job.path("checks")) {
            if (c.path("name").asText().startsWith(prefix)) {
                return c;
            }
        }
        throw new AssertionError("no check " + prefix + " in " + job);
    }

    private void assertNoScratchLeft() {
        for (LabDescriptor.Node node : nodes) {
            assertThat(zfs.datasets(node.name(), "rpool/zsentinel_preflight_"))
                    .as("scratch datasets on " + node.name())
                    .isEmpty();
        }
    }
}
