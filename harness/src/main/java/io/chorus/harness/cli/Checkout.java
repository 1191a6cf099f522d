package io.chorus.harness.cli;

import io.chorus.harness.stack.ChorusHome;
import io.chorus.harness.stack.LocalStack;
import io.chorus.harness.stack.ProcessTable;
import io.chorus.harness.stack.RunFolder;
import io.chorus.harness.stack.RunFolders;
import io.chorus.harness.stack.engines.EngineVersions;
import io.chorus.harness.stack.engines.Engines;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ParameterException;

/** What every command needs of the checkout it runs from: its engines and its run folders. */
final class Checkout {
    final ChorusHome home = ChorusHome.locate();
    final RunFolders runs = new RunFolders(home.runs(), new ProcessTable());
    final PrintStream out;

    Checkout(PrintStream out) {
        this.out = out;
    }

    Engines engines() {
        return new Engines(home.tools(), home.mavenWrapper(), EngineVersions.pinned(), out);
    }

    /** The run folder given on the command line, or the most recent stack of this checkout. */
    Optional<RunFolder> runFolder(Path given, picocli.CommandLine cli) {
        if (given != null) {
            Path dir = given.toAbsolutePath().normalize();
            if (!Files.isRegularFile(dir.resolve("stack.json"))) {
                throw new ParameterException(cli, "no stack.json in " + dir);
            }
            return Optional.of(new RunFolder(dir));
        }
        return runs.latest();
    }

    /** Brings down the stacks whose harness died without bringing them down or detaching them. */
    void cleanOrphans() {
        for (RunFolder orphan : runs.orphans()) {
            out.println("cleaning orphaned stack " + orphan.dir());
            LocalStack.attach(home, orphan, engines(), out).down();
        }
    }
}
