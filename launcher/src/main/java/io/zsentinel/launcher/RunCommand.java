package io.zsentinel.launcher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zsentinel run}: every service in one process (and an embedded broker unless one is configured). */
@Command(name = "run", description = "Run executor, collector and alerting in one process.")
final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    @Option(
            names = {"-c", "--config"},
            required = true,
            description = "the YAML configuration file")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        return runUntilStopped(config, EnumSet.allOf(Pipeline.Part.class));
    }

    static int runUntilStopped(Path config, EnumSet<Pipeline.Part> parts) throws InterruptedException {
        PipelineConfig pipelineConfig = PipelineConfig.load(config, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Pipeline pipeline = Pipeline.start(pipelineConfig, parts, System.getenv(), Clock.systemUTC(), true);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LOG.info("stopping");
                            pipeline.close();
                            stopped.countDown();
                        },
                        "zsentinel-shutdown"));
        LOG.info(
                "zsentinel running {} with Kafka at {}; API and dashboard: http://{}:{}/ ; status: zsentinel status",
                parts,
                pipeline.bootstrap(),
                pipelineConfig.collector().httpHost(),
                pipeline.collector() == null
                        ? pipelineConfig.collector().httpPort()
                        : pipeline.collector().httpPort());
        stopped.await();
        return 0;
    }
}
