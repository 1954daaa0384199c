package io.zsentinel.launcher;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code zsentinel executor|collector|alerting}: one service against an external broker. */
abstract class ServiceCommand implements Callable<Integer> {
    @Option(
            names = {"-c", "--config"},
            required = true,
            description = "the YAML configuration file")
    Path config;

    abstract Pipeline.Part part();

    @Override
    public Integer call() throws InterruptedException {
        return RunCommand.runUntilStopped(config, EnumSet.of(part()));
    }

    @Command(name = "executor", description = "Run the executor: replication over SSH, events to Kafka.")
    static final class Executor extends ServiceCommand {
        @Override
        Pipeline.Part part() {
            return Pipeline.Part.EXECUTOR;
        }
    }

    @Command(name = "collector", description = "Run the collector: effective RPO, chains, space; API on HTTP.")
    static final class Collector extends ServiceCommand {
        @Override
        Pipeline.Part part() {
            return Pipeline.Part.COLLECTOR;
        }
    }

    @Command(name = "alerting", description = "Run alerting: Zabbix, webhooks, auto-resync.")
    static final class Alerting extends ServiceCommand {
        @Override
        Pipeline.Part part() {
            return Pipeline.Part.ALERTING;
        }
    }
}
