package io.chorus.harness;

import io.chorus.harness.cli.BenchDeliveryCommand;
import io.chorus.harness.cli.DownCommand;
import io.chorus.harness.cli.StatusCommand;
import io.chorus.harness.cli.TokenCommand;
import io.chorus.harness.cli.UpCommand;
import io.chorus.harness.stack.engines.MissingPrerequisite;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The harness command line: {@code harness up | status | down}. */
@Command(
        name = "harness",
        mixinStandardHelpOptions = true,
        versionProvider = Harness.Version.class,
        description = "Brings the Chorus stack up, drives it, breaks it, checks it, and reports.",
        subcommands = {
            UpCommand.class,
            StatusCommand.class,
            DownCommand.class,
            TokenCommand.class,
            io.chorus.harness.cli.RunCommand.class,
            io.chorus.harness.cli.ExploreCommand.class,
            io.chorus.harness.cli.ValidateCommand.class,
            io.chorus.harness.cli.CompareCommand.class,
            BenchDeliveryCommand.class,
            io.chorus.harness.cli.RebuildCommand.class,
            io.chorus.harness.cli.SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Harness implements Runnable {
    /** Exit status when the harness itself failed (as opposed to an SLO breach, which is 1). */
    public static final int HARNESS_ERROR = 2;

    public static void main(String[] args) {
        System.exit(commandLine(new Harness()).execute(args));
    }

    /**
     * {@code command} with the harness's handling of a failure: one line, {@code harness: <why>}, on stderr and exit
     * {@value #HARNESS_ERROR}; the stack trace only with {@code CHORUS_DEBUG} set.
     */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("harness: " + e.getMessage());
            if (!(e instanceof MissingPrerequisite) && System.getenv("CHORUS_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return HARNESS_ERROR;
        });
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Harness.class.getPackage().getImplementationVersion();
            return new String[] {"harness " + (version == null ? "(development)" : version)};
        }
    }
}
