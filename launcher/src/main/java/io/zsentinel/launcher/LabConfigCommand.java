package io.zsentinel.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.zsentinel.events.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code zsentinel lab-config}: writes the quick start's configuration for the lab on this machine. */
@Command(name = "lab-config", description = "Write a configuration for the ZFS lab (deploy/lab/lab.sh up).")
final class LabConfigCommand implements Callable<Integer> {
    @Option(
            names = "--lab",
            defaultValue = "/var/tmp/zsentinel-lab/nodes.json",
            description = "the lab's node descriptor")
    Path descriptor;

    @Option(names = "--out", required = true, description = "the configuration file to write")
    Path out;

    @Option(names = "--state-dir", defaultValue = "/var/lib/zsentinel", description = "zsentinel's state directory")
    Path stateDir;

    @Option(names = "--http-port", defaultValue = "8080", description = "the API port (alerting takes the next one)")
    int httpPort;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(descriptor)) {
            throw new IOException("no lab descriptor at " + descriptor + ": run deploy/lab/lab.sh up first");
        }
        JsonNode lab = EventCodec.mapper().readTree(descriptor.toFile());
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path secret = dir.resolve("command.secret");
        if (!Files.exists(secret)) {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            Files.writeString(secret, Base64.getEncoder().encodeToString(bytes) + "\n");
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        }
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));
        Files.writeString(
                out,
                "# written by `zsentinel lab-config` for the lab in " + descriptor + "\n"
                        + yaml.writeValueAsString(LabConfig.render(lab, stateDir, secret, httpPort)));
        spec.commandLine().getOut().println(out);
        return 0;
    }
}
