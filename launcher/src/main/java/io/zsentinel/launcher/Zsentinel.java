package io.zsentinel.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code zsentinel} command. */
@Command(
        name = "zsentinel",
        mixinStandardHelpOptions = true,
        version = "zsentinel 0.1.0",
        description = "Effective RPO, chain health and self-healing for ZFS / Proxmox replication.",
        subcommands = {
            RunCommand.class,
            ServiceCommand.Executor.class,
            ServiceCommand.Collector.class,
            ServiceCommand.Alerting.class,
            StatusCommand.class,
            FindingsCommand.class,
            CalendarCommand.class,
            PreflightCommand.class,
            DrillCommand.class,
            ReportCommand.class,
            RunNowCommand.class,
            ResyncCommand.class,
            SilenceCommand.class,
            LabConfigCommand.class
        })
public final class Zsentinel implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    public static int execute(String... args) {
        return commandLine(CommandLine.defaultFactory()).execute(args);
    }

    /** The command line with its error handling; {@code factory} makes the verbs (tests give them an environment). */
    static CommandLine commandLine(CommandLine.IFactory factory) {
        return new CommandLine(new Zsentinel(), factory).setExecutionExceptionHandler(new ErrorHandler());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
